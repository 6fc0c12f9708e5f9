package org.sanfu.enterprise;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.sanfu.Workbooks;

/**
 * The import's template as an Excel workbook, for a county office that fills it in Excel or WPS: a CSV opened there
 * makes the credit-code column a number column, and an 18-character code typed or pasted into it becomes 9.13E+17,
 * which the import then refuses. Here the columns are EnterpriseImport's (its header row and example line, as the
 * CSV's): a code column's cells are Text ("@") so that what is typed stays as typed, a 是/否 column offers them as a
 * drop-down, the header is bold and stays in view; a second sheet, 填写说明, says what each column takes in the
 * form's own words (its admin.import.hint.* keys).
 */
final class ImportTemplateWorkbook {

    static final String SHEET = "企业名单";
    private static final String GUIDE = "admin.import.template.workbook.guide";
    private static final String GUIDE_COLUMN = "admin.import.template.workbook.column";
    /**
     * The rows below the example whose code cells are made Text one by one: as many as a county's list. Past them
     * the column's own style (Text too) is what Excel gives a new cell, which WPS is said to honour less surely.
     */
    static final int FILLED_ROWS = 1000;
    private static final String TEXT_FORMAT = "@";
    /** What Excel says when something else is typed into a 是/否 cell: its box's title and text. */
    private static final String NOT_YES_OR_NO_TITLE = "admin.import.template.workbook.not-yes-or-no.title";
    private static final String NOT_YES_OR_NO = "admin.import.template.workbook.not-yes-or-no";
    private static final String WHY = "admin.import.template.workbook.why";
    private static final String EXAMPLE_NOTE = "admin.import.template.example";

    private ImportTemplateWorkbook() {
    }

    /** The workbook; {@code words} gives the Chinese text of a message key. */
    static byte[] render(Function<String, String> words) {
        List<EnterpriseImport.Column> columns = EnterpriseImport.COLUMNS;
        return Workbooks.streamed(book -> {
            Workbooks.Text text = new Workbooks.Text(book);
            CellStyle bold = bold(book);
            CellStyle typedAsText = book.createCellStyle();
            typedAsText.setDataFormat(book.createDataFormat().getFormat(TEXT_FORMAT));

            Sheet sheet = book.createSheet(SHEET);
            Row header = sheet.createRow(0);
            Row example = sheet.createRow(1);
            for (int c = 0; c < columns.size(); c++) {
                EnterpriseImport.Column column = columns.get(c);
                text.set(header.createCell(c), column.label());
                header.getCell(c).setCellStyle(bold);
                var cell = example.createCell(c);
                if (column.takes() == EnterpriseImport.Takes.CODE) {
                    sheet.setDefaultColumnStyle(c, typedAsText);
                    cell.setCellStyle(typedAsText);
                }
                text.set(cell, EnterpriseImport.EXAMPLE.get(c));
                sheet.setColumnWidth(c, width(column.label(), EnterpriseImport.EXAMPLE.get(c)) * 256);
                if (column.takes() == EnterpriseImport.Takes.YES_NO) {
                    sheet.addValidationData(yesOrNo(sheet.getDataValidationHelper(), c, words));
                }
            }
            // blank cells, Text already, where a person types the codes (an empty cell is no line to the import)
            for (int r = 2; r < 2 + FILLED_ROWS; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < columns.size(); c++) {
                    if (columns.get(c).takes() == EnterpriseImport.Takes.CODE) {
                        row.createCell(c).setCellStyle(typedAsText);
                    }
                }
            }
            sheet.createFreezePane(0, 1);

            guide(book.createSheet(words.apply(GUIDE)), text, bold, words);
        });
    }

    /**
     * 是 or 否 from a drop-down, in the column's every row below the header. POI's XSSF inverts the flag's sense:
     * suppressing the arrow (true) writes no showDropDown, which is what shows it in Excel and WPS.
     */
    private static DataValidation yesOrNo(DataValidationHelper helper, int column, Function<String, String> words) {
        DataValidation validation = helper.createValidation(
                helper.createExplicitListConstraint(EnterpriseImport.YES_OR_NO.toArray(String[]::new)),
                new CellRangeAddressList(1, SpreadsheetVersion.EXCEL2007.getLastRowIndex(), column, column));
        validation.setSuppressDropDownArrow(true);
        validation.setEmptyCellAllowed(true);
        validation.setShowErrorBox(true);
        validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
        validation.createErrorBox(words.apply(NOT_YES_OR_NO_TITLE), words.apply(NOT_YES_OR_NO));
        return validation;
    }

    /** 填写说明: each column's label and what it takes, as the form's #importColumns says it; then why Excel's. */
    private static void guide(Sheet sheet, Workbooks.Text text, CellStyle bold, Function<String, String> words) {
        Map<String, String> labelsByHint = new LinkedHashMap<>();
        for (EnterpriseImport.Column column : EnterpriseImport.COLUMNS) {
            labelsByHint.merge(column.hint(), column.label(), (a, b) -> a + "、" + b);
        }
        Row header = sheet.createRow(0);
        text.set(header.createCell(0), words.apply(GUIDE_COLUMN));
        text.set(header.createCell(1), words.apply(GUIDE));
        header.getCell(0).setCellStyle(bold);
        header.getCell(1).setCellStyle(bold);
        int r = 1;
        int widest = 0;
        for (Map.Entry<String, String> hint : labelsByHint.entrySet()) {
            Row row = sheet.createRow(r++);
            text.set(row.createCell(0), hint.getValue());
            text.set(row.createCell(1), words.apply(hint.getKey()));
            widest = Math.max(widest, width(hint.getValue()));
        }
        r++;
        text.set(sheet.createRow(r++).createCell(0), words.apply(WHY));
        text.set(sheet.createRow(r).createCell(0), words.apply(EXAMPLE_NOTE));
        sheet.setColumnWidth(0, widest * 256);
        sheet.setColumnWidth(1, 100 * 256);
        sheet.createFreezePane(0, 1);
    }

    private static CellStyle bold(Workbook book) {
        CellStyle bold = book.createCellStyle();
        Font font = book.createFont();
        font.setBold(true);
        bold.setFont(font);
        return bold;
    }

    /**
     * A column's width in Excel's units (a digit's width), wide enough for the longest of its texts and a margin:
     * a Chinese character takes two.
     */
    private static int width(String... texts) {
        int widest = 8;
        for (String t : texts) {
            widest = Math.max(widest, t.codePoints().map(c -> c < 0x2E80 ? 1 : 2).sum());
        }
        return widest + 2;
    }
}
