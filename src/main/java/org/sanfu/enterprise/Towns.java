package org.sanfu.enterprise;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The towns (镇（街道）) of the enterprises on file, as a town typed is compared with them: one written as none of
 * them is new (an import says so, a notice: a misspelt town starts a town of its own in every figure by town), and
 * one that differs from one of them only in its spaces (大桥 镇 beside 大桥镇) is a typo that would split that
 * town's figures in two, which the forms and the import refuse (EnterpriseService#checked).
 */
final class Towns {

    /** Spaces of any kind: ASCII white space, Unicode's separators (the ideographic and the no-break space). */
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    private final Set<String> known = new HashSet<>();
    /** A town without its spaces, to the first town on file that reads so. */
    private final Map<String, String> unspaced = new HashMap<>();

    Towns(Collection<String> towns) {
        towns.forEach(this::add);
    }

    /** Whether a (trimmed) town is on file as it is written; no town is never new. */
    boolean known(String town) {
        return town == null || known.contains(town);
    }

    /** The town on file that {@code town} differs from only in its spaces; null when none, or when it is on file. */
    String spacedTwin(String town) {
        return known(town) ? null : unspaced.get(unspaced(town));
    }

    /** A town filed since these were read (an import's earlier line). */
    void add(String town) {
        if (town != null && known.add(town)) {
            unspaced.putIfAbsent(unspaced(town), town);
        }
    }

    private static String unspaced(String town) {
        return SPACES.matcher(town).replaceAll("");
    }
}
