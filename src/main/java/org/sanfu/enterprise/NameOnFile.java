package org.sanfu.enterprise;

import java.util.List;

/**
 * A name to be filed (or a file renamed to) that enterprises on file under other credit codes have already, compared
 * as channel intake compares names ({@link EnterpriseService#named}). A full registered name under a second code is
 * almost always a mistyped code: it would split 一企一档, and intake by {@code enterpriseName} would find two. The
 * pages ask the person to confirm before saving (docs/UI.md {@code sameNameConfirmed}); the API and the import file as
 * asked, integrators' imports not being refused for it. Thrown before anything is written.
 */
public final class NameOnFile extends RuntimeException {

    private final transient List<Enterprise> namesakes;

    NameOnFile(List<Enterprise> namesakes) {
        super("an enterprise of this name is on file: " + namesakes.stream().map(Enterprise::creditCode).toList());
        this.namesakes = List.copyOf(namesakes);
    }

    /** The enterprises on file of that name, by credit code. */
    public List<Enterprise> namesakes() {
        return namesakes;
    }
}
