package org.sanfu.systemic;

import java.util.List;

/** Open tickets of one category that say the same thing: a systemic problem (共性问题) to propose. */
public record ProposedCluster(String category, List<Candidate> members) {
}
