#!/usr/bin/env bash
# Neovim as a real LSP client of `prlint lsp`: opens the example release
# headless, waits for the diagnostics, applies the repeated phrase's quick
# fix through Neovim's own code-action machinery and waits for the updated
# diagnostics. Skips (exit 0) when nvim is not installed.
#
# Usage: tests/nvim-lsp.sh [PRLINT_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v nvim >/dev/null 2>&1; then
    echo "nvim-lsp: skipped (no nvim; apt-get install -y neovim)"
    exit 0
fi
prlint="${1:-${PRLINT:-target/debug/prlint}}"
[ -x "$prlint" ] || { cargo build -q; prlint=target/debug/prlint; }
prlint=$(cd "$(dirname "$prlint")" && pwd)/$(basename "$prlint")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp fixtures/examples/release-fr.txt "$work/release-fr.txt"
cat >"$work/check.lua" <<'LUA'
local out = io.open(os.getenv('NVIM_OUT'), 'w')
local function say(s) out:write(s .. '\n'); out:flush() end
local file = os.getenv('RELEASE')
vim.cmd('edit ' .. file)
local buf = vim.api.nvim_get_current_buf()
local config = {
  name = 'prlint',
  cmd = { os.getenv('PRLINT'), 'lsp' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
}
if vim.lsp.start then
  vim.lsp.start(config)          -- Neovim 0.8 and later
else
  local id = vim.lsp.start_client(config)   -- Neovim 0.7
  vim.lsp.buf_attach_client(buf, id)
end
say('nvim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor))
local function codes()
  local t = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    -- Neovim turns the UTF-16 positions into byte columns of its buffer:
    -- the text between them must be the finding's.
    local text = ''
    if d.end_lnum == d.lnum then
      local l = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ''
      text = ' "' .. l:sub(d.col + 1, d.end_col) .. '"'
    end
    table.insert(t, string.format('%d %s%s', d.lnum + 1, tostring(code), text))
  end
  table.sort(t)
  return t
end
local got = vim.wait(15000, function() return #vim.diagnostic.get(buf) >= 5 end, 50)
say('diagnostics ' .. (got and 'arrived' or 'MISSING') .. ': ' .. table.concat(codes(), ', '))
-- The repeated phrase: line 9 (0-based 8), character 113.
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = 8, character = 113 }, ['end'] = { line = 8, character = 126 } },
  context = { diagnostics = {} },
}
local res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
local applied = false
for _, r in pairs(res) do
  for _, a in ipairs(r.result or {}) do
    if a.title == 'repeated-word: delete' then
      vim.lsp.util.apply_workspace_edit(a.edit, 'utf-16')
      applied = true
    end
  end
end
say('quick fix ' .. (applied and 'applied' or 'MISSING'))
local line = vim.api.nvim_buf_get_lines(buf, 8, 9, false)[1] or ''
say('line 9 now ' .. (line:find('soutien de la soutien de la', 1, true) and 'UNCHANGED' or 'fixed'))
local gone = vim.wait(15000, function() return #vim.diagnostic.get(buf) == 4 end, 50)
say('after the change ' .. (gone and 'updated' or 'NOT UPDATED') .. ': ' .. table.concat(codes(), ', '))
out:close()
vim.cmd('qa!')
LUA
NVIM_OUT="$work/out.txt" RELEASE="$work/release-fr.txt" PRLINT="$prlint" \
    timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $work/check.lua" >/dev/null 2>"$work/err.txt" || true
cat "$work/out.txt" 2>/dev/null || true
fail=0
headline='"La Ville de Namur inaugure sa nouvelle passerelle cyclable"'
contact='"Julien Marchal, Porte-parole de la Ville de Namur"'
for want in "diagnostics arrived: 10 whitespace \" \", 11 whitespace \"  \", 16 duplicate-contact $contact, 3 duplicate-paragraph $headline, 9 repeated-word \"soutien de la\"" \
    'quick fix applied' 'line 9 now fixed' \
    "after the change updated: 10 whitespace \" \", 11 whitespace \"  \", 16 duplicate-contact $contact, 3 duplicate-paragraph $headline"; do
    grep -qF -- "$want" "$work/out.txt" 2>/dev/null || { echo "FAILED: $want" >&2; fail=1; }
done
[ "$fail" -eq 0 ] || { cat "$work/err.txt" >&2; exit 1; }
echo "nvim-lsp: passed"
