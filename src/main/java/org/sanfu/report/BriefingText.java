package org.sanfu.report;

import java.util.List;
import org.sanfu.report.BriefingDocument.Block;
import org.sanfu.report.BriefingDocument.Items;
import org.sanfu.report.BriefingDocument.Paragraph;
import org.sanfu.report.BriefingDocument.Run;
import org.sanfu.report.BriefingDocument.Section;
import org.sanfu.report.BriefingDocument.Table;

/**
 * The briefing as plain text, the pages' 下载文本版: what a leader opens with Notepad or pastes into a chat group or an
 * official document, where Markdown's marks (# headings, **bold**, | tables |, backslash escapes) would show as they
 * are. The same document as the Markdown, the page and the Word file, in the same order and words: the title, the
 * period and when it was made, each heading, each paragraph, a list's items (1. numbered, · bulleted), a table's rows
 * as lines of cells between full-width bars (名次｜部门｜得分); people's words as typed, nothing escaped, a line break
 * they typed (a reply, a talk's notes) a space, as the Markdown has it, so that an item stays one line.
 */
final class BriefingText {

    /** Between a table's cells: the full-width bar, which reads as a column rule in Chinese text. */
    static final String CELL = "｜";

    private BriefingText() {}

    static String render(BriefingDocument document) {
        StringBuilder text = new StringBuilder();
        text.append(document.title()).append('\n').append(document.scope()).append('\n')
                .append(document.generated()).append('\n');
        for (Section section : document.sections()) {
            text.append('\n').append(section.heading()).append('\n');
            for (Block block : section.blocks()) {
                if (block instanceof Paragraph p) {
                    text.append(runs(p.runs())).append('\n');
                } else if (block instanceof Table t) {
                    text.append(String.join(CELL, t.headings())).append('\n');
                    t.rows().forEach(cells -> text.append(String.join(CELL,
                            cells.stream().map(BriefingText::oneLine).toList())).append('\n'));
                } else if (block instanceof Items list) {
                    int n = 1;
                    for (List<Run> item : list.items()) {
                        text.append(list.numbered() ? n++ + ". " : "· ").append(runs(item)).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    private static String runs(List<Run> runs) {
        StringBuilder line = new StringBuilder();
        runs.forEach(run -> line.append(run.typed() ? oneLine(run.text()) : run.text()));
        return line.toString();
    }

    /** Each line break a space, as {@link BriefingMarkdown#text} writes people's words. */
    private static String oneLine(String typed) {
        return typed.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
    }
}
