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
 * this class. Wherever a place stands in a name it is read so, the longest place at the leftmost position first, as
 * ICU matches the contractions of its own rules (重庆).
 */
final class PlaceReadings {

    static final String RESOURCE = "place-readings.txt";

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
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The name with each listed place spelled as it sounds; the name itself when it holds none. */
    String respell(String name) {
        StringBuilder spelled = null;
        int copied = 0;
        for (int i = 0; i < name.length(); i++) {
            List<String> places = byFirst.get(name.charAt(i));
            if (places == null) {
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
}
