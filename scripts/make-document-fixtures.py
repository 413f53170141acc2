#!/usr/bin/env python3
"""Regenerates the document fixtures of tests/data/documents/.

- For each release text `NAME.LANG.txt` there: a .docx and an .odt written by
  LibreOffice (headless) from a simple HTML rendering of the text (the first
  line a level-1 heading, every other non-empty line a paragraph), and the
  .html LibreOffice exports from that .docx, as a web team would publish it.
- `features.en.docx` and `features.en.odt`: hand-written XML that follows the
  OOXML and ODF schemas, with what a real draft holds: a Title-styled
  headline, tracked changes (an insertion and a deletion), a comment, a
  footnote, a hyperlink, a field, a table, a line break and a tab.

Needs LibreOffice (Debian: apt-get install libreoffice-writer-nogui) for the
first part only; the test suite reads the committed outputs and needs no
LibreOffice. Run from the repository root:

    python3 scripts/make-document-fixtures.py
"""

import html
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

OUT = os.path.join("tests", "data", "documents")
# A fixed date keeps the hand-written packages byte-identical between runs.
STAMP = (2026, 1, 1, 0, 0, 0)


def soffice(args, cwd):
    env = dict(os.environ, HOME=cwd)
    subprocess.run(
        ["soffice", "--headless", *args],
        cwd=cwd,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def text_to_html(text):
    lines = text.splitlines()
    body = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        tag = "h1" if i == 0 else "p"
        body.append(f"<{tag}>{html.escape(line, quote=False)}</{tag}>")
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title></title></head>\n<body>\n'
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def convert_releases():
    if shutil.which("soffice") is None:
        sys.exit("soffice not found: apt-get install libreoffice-writer-nogui")
    for name in sorted(os.listdir(OUT)):
        if not name.endswith(".txt"):
            continue
        stem = name[: -len(".txt")]
        with open(os.path.join(OUT, name), encoding="utf-8") as f:
            text = f.read()
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, stem + ".html")
            with open(src, "w", encoding="utf-8") as f:
                f.write(text_to_html(text))
            for fmt in ("docx:MS Word 2007 XML", "odt"):
                soffice(["--infilter=HTML (StarWriter)", "--convert-to", fmt, src], tmp)
            os.makedirs(os.path.join(tmp, "web"))
            soffice(
                ["--convert-to", "html", "--outdir", "web", stem + ".docx"],
                tmp,
            )
            for ext, path in (
                ("docx", stem + ".docx"),
                ("odt", stem + ".odt"),
                ("html", os.path.join("web", stem + ".html")),
            ):
                shutil.copy(os.path.join(tmp, path), os.path.join(OUT, f"{stem}.{ext}"))


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = (
                zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            )
            z.writestr(info, data.encode("utf-8"))


HYPERLINK_RPR = '<w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def run(text, extra=""):
    return f'<w:r>{extra}<w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'


def para(inner, style=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{inner}</w:p>"


def features_docx():
    body = "".join(
        [
            para(run("Tram line 4 reaches the university campus"), "Title"),
            para(
                run("Portside, 12 June 2026 – The extension ")
                + f'<w:ins w:id="1" w:author="Editor" w:date="2026-06-01T09:00:00Z">{run("of tram line 4 ")}</w:ins>'
                + f'<w:del w:id="2" w:author="Editor" w:date="2026-06-01T09:00:00Z"><w:r><w:delText xml:space="preserve">wrongly deleted words </w:delText></w:r></w:del>'
                + run("opens on Monday")
                + '<w:commentRangeStart w:id="0"/>'
                + run(", two months ahead of schedule.")
                + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
                + '<w:r><w:footnoteReference w:id="1"/></w:r>'
            ),
            para(run("Works and budget"), "Heading1"),
            para(
                run("The works cost 18 million euros. Details are on the ")
                + '<w:hyperlink r:id="rId9">'
                + run("project page", HYPERLINK_RPR)
                + "</w:hyperlink>"
                + run(", updated on ")
                + '<w:fldSimple w:instr=" DATE \\@ &quot;d MMMM yyyy&quot; ">'
                + run("12 June 2026")
                + "</w:fldSimple>"
                + run(" and ")
                + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                + run("1")
                + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                + run(".")
            ),
            para(run("New stops"), "Heading1"),
            para(run("Campus North"), "ListParagraph"),
            para(run("Science Park"), "ListParagraph"),
            "<w:tbl><w:tr><w:tc>"
            + para(run("Stop"))
            + "</w:tc><w:tc>"
            + para(run("Opening"))
            + "</w:tc></w:tr><w:tr><w:tc>"
            + para(run("Campus North"))
            + "</w:tc><w:tc>"
            + para(run("15 June 2026"))
            + "</w:tc></w:tr></w:tbl>",
            para(run("Media contact")),
            para(
                run("Nadia Okafor, press officer")
                + "<w:r><w:br/></w:r>"
                + run("Phone:")
                + "<w:r><w:tab/></w:r>"
                + run("+44 20 7946 0456")
            ),
            para(run("nadia.okafor@portside.example")),
        ]
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style>'
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/></w:style>'
        "</w:styles>"
    )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1">{para(run("Footnote text that must not enter the body the body."))}</w:footnote>'
        "</w:footnotes>"
    )
    comments = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W}">'
        f'<w:comment w:id="0" w:author="Editor">{para(run("Comment text text that is not read."))}</w:comment>'
        "</w:comments>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://portside.example/tram4" TargetMode="External"/>'
        "</Relationships>"
    )
    write_zip(
        os.path.join(OUT, "features.en.docx"),
        [
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", rels),
            ("word/_rels/document.xml.rels", doc_rels),
            ("word/document.xml", document),
            ("word/styles.xml", styles),
            ("word/footnotes.xml", footnotes),
            ("word/comments.xml", comments),
        ],
    )


def features_odt():
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"'
    )
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {ns}>
<office:automatic-styles>
<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>
</office:automatic-styles>
<office:body><office:text>
<text:tracked-changes>
<text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>Editor</dc:creator><dc:date>2026-06-01T09:00:00</dc:date></office:change-info><text:p>wrongly deleted words </text:p></text:deletion></text:changed-region>
<text:changed-region text:id="ct2"><text:insertion><office:change-info><dc:creator>Editor</dc:creator><dc:date>2026-06-01T09:00:00</dc:date></office:change-info></text:insertion></text:changed-region>
</text:tracked-changes>
<text:p text:style-name="P1">Tram line 4 reaches the university campus</text:p>
<text:p text:style-name="Standard">Portside, 12 June 2026 – The extension <text:change-start text:change-id="ct2"/>of tram line 4 <text:change-end text:change-id="ct2"/><text:change text:change-id="ct1"/>opens on Monday<office:annotation><dc:creator>Editor</dc:creator><text:p>Comment text text that is not read.</text:p></office:annotation>, two months ahead of schedule.<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Footnote text that must not enter the body the body.</text:p></text:note-body></text:note></text:p>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Works and budget</text:h>
<text:p text:style-name="Standard">The works cost 18 million euros.<text:s/>Details are on the <text:a xlink:type="simple" xlink:href="https://portside.example/tram4">project page</text:a>, updated on <text:date>12 June 2026</text:date>.</text:p>
<text:h text:style-name="Heading_20_1" text:outline-level="1">New stops</text:h>
<text:list><text:list-item><text:p>Campus North</text:p></text:list-item><text:list-item><text:p>Science Park</text:p></text:list-item></text:list>
<table:table table:name="Stops"><table:table-column table:number-columns-repeated="2"/>
<table:table-row><table:table-cell><text:p>Stop</text:p></table:table-cell><table:table-cell><text:p>Opening</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>Campus North</text:p></table:table-cell><table:table-cell><text:p>15 June 2026</text:p></table:table-cell></table:table-row>
</table:table>
<text:p text:style-name="Standard">Media contact</text:p>
<text:p text:style-name="Standard">Nadia Okafor, press officer<text:line-break/>Phone:<text:tab/>+44 20 7946 0456</text:p>
<text:p text:style-name="Standard">nadia.okafor@portside.example</text:p>
</office:text></office:body></office:document-content>
"""
    styles = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {ns}><office:styles>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"/>
</office:styles></office:document-styles>
"""
    manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
    write_zip(
        os.path.join(OUT, "features.en.odt"),
        [
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("META-INF/manifest.xml", manifest),
            ("content.xml", content),
            ("styles.xml", styles),
        ],
    )


if __name__ == "__main__":
    features_docx()
    features_odt()
    if "--no-libreoffice" not in sys.argv:
        convert_releases()
