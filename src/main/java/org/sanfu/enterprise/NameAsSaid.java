package org.sanfu.enterprise;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An enterprise's name as people say it. A name is 行政区划 + 字号 + 行业 + 组织形式 (企业名称登记管理规定), and people drop
 * the divisions' suffixes: 温岭海通 for 温岭市海通泵业有限公司, 浙江温岭海通 for 浙江省温岭市海通…. Searches match this
 * reading beside the name as filed (enterprise.name_as_said, migration V48), so the name is read, never the words
 * searched for.
 *
 * <p>Only divisions at the start go: 2–3 Han characters and a suffix, again and again (浙江省温岭市 → 浙江温岭). The
 * shortest division is tried first, so 重庆市市政工程 reads 重庆市政工程, not 重庆市政 with the 市 of 市政 taken. With no
 * gazetteer the reading cannot tell a 字号 of 2–3 characters ending before a suffix from a division: 联华超市 also
 * reads 联华超, and 和平社区服务中心 reads 和平社服务中心 (社区 is no suffix, but 区 after 和平社 is). Harmless, the
 * reading being only searched, beside the name: it lets an odd word find the name too. 大润发超市 keeps its 市 (four
 * characters before it), and a suffix further in (…有限公司温岭分公司) stays.
 */
public final class NameAsSaid {

    /** A division and its suffix, of 省级, 地级 or 县级 divisions (镇 and 乡 are no part of a name's 行政区划); 自治区 before 区. */
    private static final Pattern DIVISION = Pattern.compile(
            "^(\\p{IsHan}{2,3}?)(自治区|自治州|自治县|地区|省|市|县|区|盟|旗)");

    private NameAsSaid() {
    }

    /** The name with the suffixes of the divisions at its start left out; the name itself when it has none. */
    public static String of(String name) {
        StringBuilder said = new StringBuilder();
        String rest = name;
        Matcher division = DIVISION.matcher(rest);
        while (division.find()) {
            said.append(division.group(1));
            rest = rest.substring(division.end());
            division = DIVISION.matcher(rest);
        }
        return said.append(rest).toString();
    }
}
