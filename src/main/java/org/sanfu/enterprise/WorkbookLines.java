package org.sanfu.enterprise;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.opc.internal.ZipHelper;
import org.apache.poi.openxml4j.util.ZipArchiveThresholdInputStream;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.openxml4j.util.ZipInputStreamZipEntrySource;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.sanfu.Message;
import org.sanfu.web.InvalidInput;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first sheet of an .xlsx workbook as the import reads a CSV's lines: each row that holds a cell, numbered as the
 * sheet numbers it, its cells as text the way Excel shows them (DataFormatter), but for a whole number in the
 * General format, which Excel shows as 9.13311E+17 once it is long and which is a credit code or a telephone typed
 * into a cell that was not set to Text: its digits. Told from a CSV by its bytes (a ZIP whose main part is a
 * workbook), never by a file's name.
 * <p>
 * Read as a stream (POI's event model), so that a sheet is never held as a tree; the ZIP is opened with POI's
 * ZipSecureFile checks (an entry inflating over 100 times its size is a zip bomb) once its parts are known to inflate
 * to no more than {@link #INFLATION} times the upload limit together, and the sheet's text is held to
 * the limit a CSV has, {@code sanfu.max-body-bytes}: a small file of a huge sheet is refused as a large CSV is.
 */
final class WorkbookLines {

    private static final Logger log = LoggerFactory.getLogger(WorkbookLines.class);

    /** The main part's type of a workbook (.xlsx) and of one with macros (.xlsm), whose cells read alike. */
    private static final Set<String> WORKBOOK_TYPES = Set.of(XSSFRelation.WORKBOOK.getContentType(),
            XSSFRelation.MACROS_WORKBOOK.getContentType());
    private static final String SAVE_AS = "body";

    private WorkbookLines() {
    }

    /** Whether these bytes are a ZIP (an .xlsx, or another ZIP) rather than text; an old .xls is refused here. */
    static boolean isZip(byte[] body) {
        FileMagic magic = FileMagic.valueOf(body);
        if (magic == FileMagic.OLE2) {
            // Excel 97-2003 (.xls), or an .xlsx saved with a password, which is an OLE2 container too
            throw InvalidInput.of(SAVE_AS, Message.of("sanfu.import.xls"));
        }
        return magic == FileMagic.OOXML;
    }

    /** The first sheet's rows holding a cell; refused when the ZIP is no workbook, is a bomb or holds too much. */
    static List<EnterpriseImport.Line> read(byte[] body, long maxBytes) {
        Rows rows = new Rows(maxBytes);
        boolean opened = false;
        if (!inflatesWithin(body, INFLATION * maxBytes)) {
            throw InvalidInput.of(SAVE_AS, Message.of("sanfu.import.sheet-too-large", "max", maxBytes));
        }
        try (OPCPackage pkg = openedToRead(body)) {
            opened = true;
            if (!isWorkbook(pkg)) {
                throw InvalidInput.of(SAVE_AS, Message.of("sanfu.import.not-workbook"));
            }
            XSSFReader reader = new XSSFReader(pkg);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw InvalidInput.of(SAVE_AS, Message.of("sanfu.import.not-workbook"));
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = rows.typing(XMLHelper.newXMLReader());
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null,
                        new ReadOnlySharedStringsTable(pkg), rows, new AsShown(), false));
                parser.parse(new InputSource(sheet));
            }
        } catch (TooLarge e) {
            throw InvalidInput.of(SAVE_AS, Message.of("sanfu.import.sheet-too-large", "max", maxBytes));
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            if (e instanceof InvalidInput invalid) {
                throw invalid;
            }
            if (!opened && !reason(e).contains("Zip bomb")) {
                // a ZIP without an Office package's content types: a .zip, not a workbook saved by Excel
                throw InvalidInput.of(SAVE_AS, Message.of("sanfu.import.not-workbook"));
            }
            // a broken ZIP, a zip bomb (ZipSecureFile: "Zip bomb detected!"), a part that is no workbook's: POI's
            // many exceptions, all of them something the file sent is, never the server's fault
            throw InvalidInput.of(SAVE_AS, unreadable(e));
        }
        return rows.lines;
    }

    /**
     * The package, opened to be read: its parts inflated as {@code OPCPackage.open(InputStream)} inflates them (the
     * same ZipSecureFile checks), but read-only. A package opened from a stream is opened to be written, and when its
     * parts cannot be listed (a damaged or refused file) POI closes it quietly, as one to be saved: its close met the
     * part list it never made (a NullPointerException) and POI's IOUtils logged it as an ERROR, "Unable to close
     * resource", for what a client sent. A read-only package is reverted instead, which closes nothing not opened;
     * and closing it when read (the try-with-resources) never tries to save what was only read.
     */
    private static OPCPackage openedToRead(byte[] body) throws IOException, InvalidFormatException {
        ZipEntrySource parts;
        try (ZipArchiveThresholdInputStream zip = ZipHelper.openZipStream(new ByteArrayInputStream(body))) {
            parts = new ZipInputStreamZipEntrySource(zip);
        }
        return OPCPackage.open(parts);
    }

    /**
     * How much larger than the largest upload all of a workbook's parts may inflate, together. POI opens a package from
     * a stream by inflating every part into memory, and its bomb check is by part (up to 100 times its compressed
     * size): a 1 MB upload of many such parts could take 100 MB of the heap. A workbook Excel saved inflates 5 to 10
     * times; 16 leaves room for one of text alone.
     */
    private static final int INFLATION = 16;

    /**
     * Whether the ZIP's parts inflate to at most this many bytes together, counted as they inflate (never trusting
     * the sizes the ZIP's headers claim) and stopped as soon as they pass it. Read as POI reads a package from a
     * stream (commons-compress's ZipArchiveInputStream, names as UTF-8, stored entries with a data descriptor
     * allowed), so that every entry POI would inflate is counted: the JDK's ZipInputStream refuses what this reads
     * (Deflate64 and BZip2 entries, a name that is not UTF-8), and a small first entry of such a kind would have
     * left the rest uncounted. A ZIP that cannot be counted to its end is refused as unreadable, never let through.
     */
    static boolean inflatesWithin(byte[] body, long max) {
        byte[] buffer = new byte[8192];
        long inflated = 0;
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(body),
                StandardCharsets.UTF_8.name(), false, true)) {
            while (zip.getNextEntry() != null) {
                for (int n; (n = zip.read(buffer)) >= 0; ) {
                    inflated += n;
                    if (inflated > max) {
                        return false;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // commons-compress meets what POI would have (an unsupported method, a truncated entry): said alike
            throw InvalidInput.of(SAVE_AS, unreadable(e));
        }
        return true;
    }

    private static boolean isWorkbook(OPCPackage pkg) {
        var main = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
        if (main.size() != 1) {
            return false;
        }
        PackagePart part = pkg.getPart(main.getRelationship(0));
        return part != null && WORKBOOK_TYPES.contains(part.getContentType());
    }

    /**
     * Why the workbook cannot be read, in the words of the person who sent it: a file cut off (an EOFException, POI's
     * and commons-compress's "Truncated ZIP file", "Unexpected end of …") is said to be incomplete, a zip bomb
     * (ZipSecureFile's "Zip bomb detected!") to be compressed past what is safe to read, anything else by the refusal
     * alone. The library's own words, English and naming its classes, are for the operators' log (DEBUG), not the
     * Chinese 400 (it showed （EOFException） or （Truncated ZIP file…）).
     */
    static Message unreadable(Throwable e) {
        String reason = reason(e);
        log.debug("workbook not readable: {}", reason);
        boolean cut = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            cut |= t instanceof EOFException || m.contains("Truncated") || m.contains("Unexpected end");
            if (m.contains("Zip bomb")) {
                return Message.of("sanfu.import.workbook-zip-bomb");
            }
        }
        return Message.of(cut ? "sanfu.import.workbook-incomplete" : "sanfu.import.unreadable-workbook");
    }

    /** An exception's own words, short enough to log (the first of its causes' that has any). */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                String m = t.getMessage().strip();
                return m.length() <= 120 ? m : m.substring(0, 120) + "…";
            }
        }
        return e.getClass().getSimpleName();
    }

    /** The sheet's text outgrew the limit: reading stops at once. */
    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /**
     * Cells as Excel shows them, but a whole number in the General format as its digits: Excel shows
     * 913310000000000000 as 9.1331E+17, which would refuse a credit code typed into a number cell for a form of it
     * nobody typed. The digits are Excel's 15 significant ones and zeros, as Excel shows the number in a format of
     * digits (913310810123456000), not the nearest double's (913310810123455936), which nobody typed or saw. A format
     * of its own (000000 for leading zeros, a date's) is shown as it is.
     */
    private static final class AsShown extends DataFormatter {

        /** Excel keeps 15 significant digits of a number. */
        private static final MathContext EXCEL_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

        AsShown() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString,
                boolean use1904Windowing) {
            boolean general = formatIndex == 0 || formatString == null || "General".equalsIgnoreCase(formatString);
            if (general && value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e21) {
                // Excel's 15 significant digits (those of a whole number of 15 digits or fewer are all of it)
                return new BigDecimal(value).round(EXCEL_DIGITS).setScale(0).toPlainString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
        }
    }

    /**
     * The rows read so far, each padded with blank cells where the sheet has none, which of their cells were numbers,
     * and how much text they hold.
     */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final long maxBytes;
        private final List<EnterpriseImport.Line> lines = new ArrayList<>();
        private List<String> cells;
        private Set<Integer> numbers;
        /** Whether the cell being read is a number: its {@code <c>} has no type or {@code t="n"}. */
        private boolean number;
        private long bytes;

        Rows(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        /**
         * The sheet's parser, each cell's type noted as it starts: the cells POI hands on are text, a number's
         * formatted ({@link AsShown}) as a string's is not, and only the type tells a code typed into a number cell,
         * whose digits Excel cut, from one typed as text. A formula's cell holds a number unless typed otherwise
         * ({@code t="str"}), as a number's does.
         */
        XMLReader typing(XMLReader parser) {
            XMLFilterImpl filter = new XMLFilterImpl(parser) {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes atts)
                        throws SAXException {
                    if ("c".equals(localName) && XSSFRelation.NS_SPREADSHEETML.equals(uri)) {
                        String type = atts.getValue("t");
                        number = type == null || "n".equals(type);
                    }
                    super.startElement(uri, localName, qName, atts);
                }
            };
            // XMLFilterImpl hands the parser only itself: the resolver and error handler XMLHelper set (no external
            // entity fetched, an error thrown rather than printed) are kept by setting them on the filter, which
            // passes them on when it parses
            filter.setEntityResolver(parser.getEntityResolver());
            filter.setErrorHandler(parser.getErrorHandler());
            return filter;
        }

        @Override
        public void startRow(int rowNum) {
            cells = new ArrayList<>();
            numbers = new HashSet<>();
        }

        @Override
        public void endRow(int rowNum) {
            if (!cells.isEmpty()) {
                lines.add(new EnterpriseImport.Line(rowNum + 1L, List.copyOf(cells), Set.copyOf(numbers)));
                count(1); // its line break, as in a CSV
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            if (column < cells.size()) {
                return; // a cell named twice: the first stands
            }
            while (cells.size() < column) {
                cells.add("");
                count(1);
            }
            String text = value == null ? "" : value;
            if (number && !text.isEmpty()) {
                numbers.add(column);
            }
            cells.add(text);
            count(text.length() + 1L); // its text and comma, as in a CSV
        }

        private void count(long more) {
            bytes += more;
            if (bytes > maxBytes) {
                throw new TooLarge();
            }
        }
    }
}
