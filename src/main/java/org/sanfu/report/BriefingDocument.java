package org.sanfu.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The weekly briefing or the monthly report as a document: its title, its period and when it was made, then
 * its sections, each a heading and blocks (a paragraph, a table, a list). {@link BriefingMarkdown} composes it
 * from the briefing's JSON and writes it as Markdown; the briefing page ({@code /reports/weekly?format=html})
 * shows the same document, so that the two say the same things in the same order and words, put once.
 */
record BriefingDocument(String title, String scope, String generated, List<Section> sections) {

    /** A section: its heading (一、总体情况) and what it says. */
    record Section(String heading, List<Block> blocks) {}

    /** A paragraph, a table or a list; {@link #kind()} tells the page which. */
    sealed interface Block permits Paragraph, Table, Items {
        String kind();
    }

    record Paragraph(List<Run> runs) implements Block {
        public String kind() {
            return "paragraph";
        }
    }

    /** Cells are text as read, never markup. */
    record Table(List<String> headings, List<List<String>> rows) implements Block {
        public String kind() {
            return "table";
        }
    }

    /** A numbered list (1. 2. 3.) or a bulleted one. */
    record Items(boolean numbered, List<List<Run>> items) implements Block {
        public String kind() {
            return "list";
        }
    }

    /**
     * A piece of a line: the document's own words, a figure said in bold, or text people typed (a title, a
     * name), which Markdown must escape to read as typed; a page escapes all three alike.
     */
    record Run(String text, boolean strong, boolean typed, String link) {
        static Run of(Object text) {
            return new Run(String.valueOf(text), false, false, null);
        }

        static Run strong(Object text) {
            return new Run(String.valueOf(text), true, false, null);
        }

        static Run typed(String text) {
            return new Run(text == null ? "" : text, false, true, null);
        }

        /**
         * A ticket's number, #120: on the page a link to the ticket (/tickets/120), in the Markdown the same text as
         * a plain run, since the text is read away from the workbench.
         */
        static Run ticket(String id) {
            return new Run("#" + id, false, false, "/tickets/" + id);
        }

        /**
         * A ticket's number in a row of them, as a systemic problem names its tickets (事项 12、13): on the page a link
         * to the ticket, in the Markdown the number alone, as {@link #ticket} is.
         */
        static Run number(String id) {
            return new Run(id, false, false, "/tickets/" + id);
        }
    }

    /** Runs put together, for the composing code to read as a sentence. */
    static final class Line {
        private final List<Run> runs = new ArrayList<>();

        Line say(Object text) {
            runs.add(Run.of(text));
            return this;
        }

        Line strong(Object text) {
            runs.add(Run.strong(text));
            return this;
        }

        Line typed(String text) {
            runs.add(Run.typed(text));
            return this;
        }

        Line ticket(String id) {
            runs.add(Run.ticket(id));
            return this;
        }

        /** Tickets' numbers joined by 、 (12、13), each as {@link Run#number}; "—" for none. */
        Line numbers(Iterable<String> ids) {
            boolean first = true;
            for (String id : ids) {
                if (!first) {
                    runs.add(Run.of("、"));
                }
                runs.add(Run.number(id));
                first = false;
            }
            if (first) {
                runs.add(Run.of("—"));
            }
            return this;
        }

        List<Run> runs() {
            return List.copyOf(runs);
        }

        Paragraph paragraph() {
            return new Paragraph(runs());
        }
    }

    static Line line() {
        return new Line();
    }

    static Paragraph paragraph(String text) {
        return new Paragraph(List.of(Run.of(text)));
    }
}
