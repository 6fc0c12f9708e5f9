package org.sanfu.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;
import org.sanfu.report.BriefingDocument.Block;
import org.sanfu.report.BriefingDocument.Items;
import org.sanfu.report.BriefingDocument.Paragraph;
import org.sanfu.report.BriefingDocument.Run;
import org.sanfu.report.BriefingDocument.Section;
import org.sanfu.report.BriefingDocument.Table;
import org.springframework.stereotype.Component;

/**
 * The weekly briefing or the monthly report as a Word document (.docx, Apache POI's XWPF), in the house style of
 * Chinese official documents (GB/T 9704): the title centred in bold 宋体 22 pt (二号), the period and the moment it
 * was made centred in 楷体 14 pt, each section's heading in 黑体 16 pt (三号), its paragraphs in 仿宋 16 pt indented
 * two characters, its tables bordered in 仿宋 12 pt with a bold header row, on A4. It writes the same
 * {@link BriefingDocument} as the Markdown and the page, so all three say the same words in the same order;
 * a ticket's number is its text (#120), as in the Markdown.
 */
@Component
class BriefingDocx {

    private static final String TITLE_FONT = "宋体";
    private static final String SCOPE_FONT = "楷体";
    private static final String HEADING_FONT = "黑体";
    private static final String BODY_FONT = "仿宋";

    /**
     * Twips (1/20 pt): A4 and GB/T 9704's margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), Word's own
     * header and footer distances, and the width of the text between the margins, which the tables span.
     */
    private static final long A4_WIDTH = 11906;
    private static final long A4_HEIGHT = 16838;
    private static final long TOP = 2098;
    private static final long BOTTOM = 1984;
    private static final long LEFT = 1588;
    private static final long RIGHT = 1474;
    private static final long HEADER = 851;
    private static final long FOOTER = 992;
    private static final long TEXT_WIDTH = A4_WIDTH - LEFT - RIGHT;

    /** Two characters of the body's 16 pt, the first line's indent; lines 28 pt apart, as official documents set. */
    private static final int INDENT = 2 * 16 * 20;
    private static final double BODY_LINE = 28;

    /** 4号, the page numbers' size. */
    private static final int PAGE_NUMBER_POINTS = 14;

    /** When a file is made, which its properties say (POI would read the machine's clock). */
    private final Clock clock;

    BriefingDocx(Clock clock) {
        this.clock = clock;
    }

    byte[] render(BriefingDocument document) {
        try (XWPFDocument docx = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            POIXMLProperties.CoreProperties properties = docx.getProperties().getCoreProperties();
            properties.setTitle(document.title());
            properties.setCreator("Sanfu");
            properties.setCreated(Optional.of(Date.from(clock.instant())));
            a4(docx);
            pageNumbers(docx);
            XWPFParagraph title = centred(docx);
            title.setSpacingAfter(240);
            run(title, document.title(), TITLE_FONT, 22, true);
            run(centred(docx), document.scope(), SCOPE_FONT, 14, false);
            XWPFParagraph generated = centred(docx);
            generated.setSpacingAfter(240);
            run(generated, document.generated(), SCOPE_FONT, 14, false);
            for (Section section : document.sections()) {
                run(body(docx), section.heading(), HEADING_FONT, 16, false);
                for (Block block : section.blocks()) {
                    if (block instanceof Paragraph p) {
                        runs(body(docx), p.runs());
                    } else if (block instanceof Table t) {
                        table(docx, t);
                    } else if (block instanceof Items list) {
                        int n = 1;
                        for (List<Run> item : list.items()) {
                            XWPFParagraph line = body(docx);
                            run(line, list.numbered() ? n++ + ". " : "• ", BODY_FONT, 16, false);
                            runs(line, item);
                        }
                    }
                }
            }
            docx.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void a4(XWPFDocument docx) {
        CTSectPr section = docx.getDocument().getBody().isSetSectPr() ? docx.getDocument().getBody().getSectPr()
                : docx.getDocument().getBody().addNewSectPr();
        CTPageSz size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
        size.setW(BigInteger.valueOf(A4_WIDTH));
        size.setH(BigInteger.valueOf(A4_HEIGHT));
        CTPageMar margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
        margins.setTop(BigInteger.valueOf(TOP));
        margins.setBottom(BigInteger.valueOf(BOTTOM));
        margins.setLeft(BigInteger.valueOf(LEFT));
        margins.setRight(BigInteger.valueOf(RIGHT));
        margins.setHeader(BigInteger.valueOf(HEADER));
        margins.setFooter(BigInteger.valueOf(FOOTER));
        margins.setGutter(BigInteger.ZERO);
    }

    /**
     * Page numbers in the footer as GB/T 9704 sets them: 4号 (14 pt) 宋体 arabic numerals between dashes (— 1 —), odd
     * pages at the right and even pages at the left, each one character in from the edge; a PAGE field, which Word
     * and WPS fill in.
     */
    private static void pageNumbers(XWPFDocument docx) {
        docx.setEvenAndOddHeadings(true);
        pageNumber(docx.createFooter(HeaderFooterType.DEFAULT), true);
        pageNumber(docx.createFooter(HeaderFooterType.EVEN), false);
    }

    private static void pageNumber(XWPFFooter footer, boolean odd) {
        XWPFParagraph p = footer.createParagraph();
        p.setAlignment(odd ? ParagraphAlignment.RIGHT : ParagraphAlignment.LEFT);
        if (odd) {
            p.setIndentationRight(PAGE_NUMBER_POINTS * 20);
        } else {
            p.setIndentationLeft(PAGE_NUMBER_POINTS * 20);
        }
        run(p, "— ", TITLE_FONT, PAGE_NUMBER_POINTS, false);
        fieldChar(p, STFldCharType.BEGIN);
        run(p, "", TITLE_FONT, PAGE_NUMBER_POINTS, false).getCTR().addNewInstrText().setStringValue(" PAGE ");
        fieldChar(p, STFldCharType.SEPARATE);
        run(p, "1", TITLE_FONT, PAGE_NUMBER_POINTS, false);
        fieldChar(p, STFldCharType.END);
        run(p, " —", TITLE_FONT, PAGE_NUMBER_POINTS, false);
    }

    private static void fieldChar(XWPFParagraph p, STFldCharType.Enum type) {
        p.createRun().getCTR().addNewFldChar().setFldCharType(type);
    }

    private static XWPFParagraph centred(XWPFDocument docx) {
        XWPFParagraph p = docx.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        return p;
    }

    /** A paragraph of the body: its first line indented two characters, lines 28 pt apart. */
    private static XWPFParagraph body(XWPFDocument docx) {
        XWPFParagraph p = docx.createParagraph();
        p.setAlignment(ParagraphAlignment.BOTH);
        p.setIndentationFirstLine(INDENT);
        p.setSpacingBetween(BODY_LINE, LineSpacingRule.EXACT);
        return p;
    }

    private static void runs(XWPFParagraph p, List<Run> runs) {
        for (Run r : runs) {
            run(p, r.text(), BODY_FONT, 16, r.strong());
        }
    }

    /**
     * A table as Word's own: the text's width in columns alike (its grid, which Word reads first), every cell
     * bordered, the header row bold and repeated on each page.
     */
    private static void table(XWPFDocument docx, Table t) {
        int columns = t.headings().size();
        XWPFTable table = docx.createTable(t.rows().size() + 1, columns);
        table.setWidth("100%");
        CTTblGrid grid = table.getCTTbl().getTblGrid() != null ? table.getCTTbl().getTblGrid()
                : table.getCTTbl().addNewTblGrid();
        for (int c = 0; c < columns; c++) {
            grid.addNewGridCol().setW(BigInteger.valueOf(TEXT_WIDTH / columns));
        }
        XWPFTable.XWPFBorderType single = XWPFTable.XWPFBorderType.SINGLE;
        table.setTopBorder(single, 4, 0, "000000");
        table.setBottomBorder(single, 4, 0, "000000");
        table.setLeftBorder(single, 4, 0, "000000");
        table.setRightBorder(single, 4, 0, "000000");
        table.setInsideHBorder(single, 4, 0, "000000");
        table.setInsideVBorder(single, 4, 0, "000000");
        XWPFTableRow header = table.getRow(0);
        header.setRepeatHeader(true);
        cells(header, t.headings(), true);
        for (int r = 0; r < t.rows().size(); r++) {
            cells(table.getRow(r + 1), t.rows().get(r), false);
        }
    }

    private static void cells(XWPFTableRow row, List<String> texts, boolean header) {
        for (int c = 0; c < texts.size(); c++) {
            XWPFTableCell cell = row.getCell(c);
            cell.setVerticalAlignment(XWPFTableCell.XWPFVertAlign.CENTER);
            XWPFParagraph p = cell.getParagraphs().get(0);
            if (header) {
                p.setAlignment(ParagraphAlignment.CENTER);
            }
            run(p, texts.get(c), BODY_FONT, 12, header);
        }
    }

    /** A run in {@code font} for Chinese and Latin alike (rFonts eastAsia, ascii, hAnsi, cs), as typed. */
    private static XWPFRun run(XWPFParagraph p, String text, String font, int points, boolean bold) {
        XWPFRun run = p.createRun();
        run.setFontFamily(font);
        run.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
        // in the schema's order (rFonts, b, sz), which POI writes as called
        if (bold) {
            run.setBold(true);
        }
        run.setFontSize(points);
        if (!text.isEmpty()) {
            run.setText(text(text));
        }
        return run;
    }

    /** Text on one line, as the Markdown puts people's text: a line break becomes a space. */
    private static String text(String value) {
        return value.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    }
}
