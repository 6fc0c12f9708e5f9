package org.sanfu.enterprise;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The towns (镇（街道）) of the enterprises on file, as a town typed is compared with them: one written as none of
 * them is new (an import says so, a notice: a misspelt town starts a town of its own in every figure by town), and
 * one with spaces in it that reads as one of them without its spaces (大桥 镇 beside 大桥镇) is a typo that would
 * split that town's figures in two, which the forms and the import refuse (EnterpriseService#checked). Only the
 * spaced one is refused: a town on file with a space (filed before its twin was) never makes the right spelling
 * wrong, so the enterprises in it can be corrected one by one.
 */
final class Towns {

    /** Spaces of any kind: ASCII white space, Unicode's separators (the ideographic and the no-break space). */
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    private final Set<String> known = new HashSet<>();
    /**
     * No enterprise on file had a town when these were read (a county's first import): then no town is new, since
     * there is nothing it could be a misspelling of; the towns filed now are those later ones are compared with.
     */
    private final boolean noneOnFile;

    Towns(Collection<String> towns) {
        this(towns, towns.isEmpty());
    }

    private Towns(Collection<String> towns, boolean noneOnFile) {
        towns.forEach(this::add);
        this.noneOnFile = noneOnFile;
    }

    /** Whether a (trimmed) town is on file as it is written; no town is never new. */
    boolean known(String town) {
        return town == null || known.contains(town);
    }

    /** Whether a (trimmed) town is one to say new: none on file is so written, while some town was on file. */
    boolean isNew(String town) {
        return !noneOnFile && !known(town);
    }

    /** The town on file that {@code town}, written with spaces, is without them; null when it has none or none is. */
    String spacedTwin(String town) {
        if (town == null) {
            return null;
        }
        String without = unspaced(town);
        return !without.equals(town) && known.contains(without) ? without : null;
    }

    /** A town filed since these were read (an import's earlier line). */
    void add(String town) {
        if (town != null) {
            known.add(town);
        }
    }

    /** These towns, to check a line against without its town being remembered (an import's line refused anyway). */
    Towns copy() {
        return new Towns(known, noneOnFile);
    }

    private static String unspaced(String town) {
        return SPACES.matcher(town).replaceAll("");
    }
}
