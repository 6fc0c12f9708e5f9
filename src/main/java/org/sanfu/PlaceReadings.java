package org.sanfu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Place names read otherwise than ICU reads their characters alone (长沙 cháng, not zhǎng; 厦门 xià, not shà), each
 * with a spelling of the same sound that {@link PinyinOrder} sorts it as: the curated list place-readings.txt beside
 * this class. A place is read so only where a place stands in an enterprise's name (企业名称登记管理规定: 行政区划 +
 * 字号 + …): at the name's start, after a division's suffix (温岭市长城…, 浙江省台州…, 温州乐清…), after a province
 * or 中国 at the name's start written without one (湖南长沙…, 中国长江…), right after a place read (丽水长城…) or a bracket's opening (…（厦门）有限公司); the
 * longest place first, as ICU matches the contractions of its own rules (重庆). Elsewhere its characters are words of
 * the 字号 or the trade, read as ICU reads them: 快乐清洁 is 快乐 lè, 大厦门窗 大厦 shà, 美丽水果 美丽 lì.
 */
final class PlaceReadings {

    static final String RESOURCE = "place-readings.txt";

    /**
     * The last character of a division's name (省, 市, 县, 区, and 自治州's 州: 温州, 台州, 广州 end so too), of a
     * league or banner (盟, 旗), of a town or township (镇, 乡), or a bracket opening (温岭市XX（厦门）…): a place may stand
     * after it.
     */
    static final String BEFORE_A_PLACE = "省市县区州盟旗镇乡（(";
    /**
     * What a name may start with before a place without a division's suffix: 中国, and the provinces, as written
     * without 省, 市 or 自治区 (湖南长沙…, 福建厦门…).
     */
    static final List<String> REGIONS = List.of("中国", "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林",
            "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川",
            "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门");

    private final Map<String, String> spellings;
    /** The places by their first character, longest first. */
    private final Map<Character, List<String>> byFirst = new HashMap<>();
    private final String digest;

    PlaceReadings(Map<String, String> spellings) {
        this.spellings = Map.copyOf(spellings);
        for (String place : spellings.keySet()) {
            byFirst.computeIfAbsent(place.charAt(0), c -> new ArrayList<>()).add(place);
        }
        byFirst.values().forEach(places -> places.sort(Comparator.comparingInt(String::length).reversed()));
        this.digest = digest(this.spellings);
    }

    /** The list beside this class. */
    static PlaceReadings listed() {
        try (InputStream in = PlaceReadings.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " beside " + PlaceReadings.class.getName());
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines "place = spelling  # reading"; # starts a comment. A line of another shape stops the start. */
    static PlaceReadings parse(List<String> lines) {
        Map<String, String> spellings = new LinkedHashMap<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String entry = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split("\\s*=\\s*");
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty() || parts[0].equals(parts[1])
                    || spellings.putIfAbsent(parts[0], parts[1]) != null) {
                throw new IllegalStateException(RESOURCE + ": not a place of its own with another spelling: " + line);
            }
        }
        return new PlaceReadings(spellings);
    }

    /**
     * The places and their spellings, in no order of the file's (a line moved, or a comment changed, keys nothing
     * anew), so that another list keys the names anew ({@link PinyinOrder#version}).
     */
    String digest() {
        return digest;
    }

    private static String digest(Map<String, String> spellings) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(spellings).forEach((place, spelling) -> sha.update((place + "=" + spelling + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            // where a place is read is part of how names are keyed: another rule keys them anew too
            sha.update(("where: start, after " + BEFORE_A_PLACE + ", " + String.join(",", REGIONS))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The name with each listed place where a place stands spelled as it sounds; the name itself when none is. */
    String respell(String name) {
        StringBuilder spelled = null;
        int copied = 0;
        for (int i = 0; i < name.length(); i++) {
            List<String> places = byFirst.get(name.charAt(i));
            if (places == null || !(i == copied && spelled != null || placeStandsAt(name, i))) {
                continue;
            }
            for (String place : places) {
                if (name.startsWith(place, i)) {
                    if (spelled == null) {
                        spelled = new StringBuilder(name.length());
                    }
                    spelled.append(name, copied, i).append(spellings.get(place));
                    copied = i + place.length();
                    i = copied - 1;
                    break;
                }
            }
        }
        return spelled == null ? name : spelled.append(name, copied, name.length()).toString();
    }

    /** Whether a place may stand at {@code i} of the name (this class's words): its start, or after a division. */
    private static boolean placeStandsAt(String name, int i) {
        if (i == 0 || BEFORE_A_PLACE.indexOf(name.charAt(i - 1)) >= 0) {
            return true;
        }
        return REGIONS.stream().anyMatch(region -> i == region.length() && name.startsWith(region));
    }
}
