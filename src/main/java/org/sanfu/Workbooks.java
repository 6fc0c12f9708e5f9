package org.sanfu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** The Excel workbooks Sanfu hands out (Apache POI): written streamed, people's text in them as typed. */
public final class Workbooks {

    private Workbooks() {
    }

    /**
     * A workbook filled by {@code fill}, as bytes. Streamed (SXSSF): rows go out as XML as they are written
     * instead of into XMLBeans' tree, three times faster for a province's week of a briefing; its temporary
     * files go with dispose().
     */
    public static byte[] streamed(Consumer<SXSSFWorkbook> fill) {
        SXSSFWorkbook book = new SXSSFWorkbook();
        try (book; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill.accept(book);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            book.dispose();
        }
    }

    /**
     * People's text in a cell, as typed: always a text cell, never a formula. A text that Excel would take
     * for a formula if someone edited its cell ({@code =HYPERLINK(...)}) gets Excel's quote prefix (the
     * hidden leading {@code '}), which unlike a written apostrophe changes no character of it.
     */
    public static final class Text {

        /**
         * The workbook's own escape {@code _x0041_} (OOXML ST_Xstring): Excel and POI read it as "A". An
         * underscore that would begin one is itself written escaped ({@code _x005F_}), so a title holding
         * that text reads back as typed.
         */
        private static final Pattern ESCAPE_SEQUENCE = Pattern.compile("_(?=x[0-9A-Fa-f]{4}_)");

        private final CellStyle literal;

        /** One per workbook: its cell style for text that starts like a formula. */
        public Text(Workbook book) {
            this.literal = book.createCellStyle();
            this.literal.setQuotePrefixed(true);
        }

        /** Writes the text (nothing for null) into the cell. */
        public void set(Cell cell, String text) {
            if (text == null) {
                return;
            }
            cell.setCellValue(ESCAPE_SEQUENCE.matcher(text).replaceAll("_x005F_"));
            if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
                cell.setCellStyle(literal);
            }
        }
    }

    /**
     * Moments in cells as Excel's own date-times, shown as the pages show them (2026-12-01 10:00, the service's zone),
     * so that Excel sorts and filters them by date where a text cell sorted them as words. The cell holds the moment to
     * the millisecond (a workbook's date is a number of days, no finer); Excel shows its minute without rounding up.
     */
    public static final class Moments {

        /** As web.When writes a moment, in Excel's words. */
        static final String FORMAT = "yyyy-mm-dd hh:mm";

        private final CellStyle style;
        private final ZoneId zone;

        /** One per workbook: its cell style for moments, in this zone. */
        public Moments(Workbook book, ZoneId zone) {
            this.style = book.createCellStyle();
            this.style.setDataFormat(book.createDataFormat().getFormat(FORMAT));
            this.zone = zone;
        }

        /** Writes the moment (nothing for null, a blank cell) into the cell. */
        public void set(Cell cell, Instant at) {
            if (at == null) {
                return;
            }
            cell.setCellValue(LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.MILLIS), zone));
            cell.setCellStyle(style);
        }
    }
}
