package org.sanfu.visit.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The visit form as the user typed it (docs/UI.md): the visit's inputs by name, each problem block's
 * inputs by field, and the hidden idempotency key. A refused or extended form is shown again from this,
 * so nothing typed is lost.
 *
 * @param visit    {@code enterpriseCreditCode}, {@code visitedAt}, ... → the typed value
 * @param problems one map per problem block, in the order of their indexes: {@code title} → value, ...
 * @param enterpriseSearch the words looked up under 选择企业 ({@code enterprise}), stripped, "" for none: they
 *                 stay in their box whatever the form's answer, as everything typed below them
 */
record VisitForm(Map<String, String> visit, List<Map<String, String>> problems, String idempotencyKey,
        String enterpriseSearch) {

    static final List<String> VISIT_FIELDS = List.of("enterpriseCreditCode", "visitedAt", "source",
            "operatingStatus", "orderBacklogMonths", "notes");
    static final List<String> PROBLEM_FIELDS = List.of("category", "title", "description", "urgency",
            "resolvedOnSite", "onSiteResolution");
    static final String KEY = "idempotencyKey";
    static final String ENTERPRISE_SEARCH = "enterprise";

    private static final Pattern PROBLEM_INPUT = Pattern.compile("problems\\[(\\d{1,3})]\\.([A-Za-z]+)");

    /** The posted inputs; for an input given twice (a checkbox after its hidden "false") the last value counts. */
    static VisitForm read(MultiValueMap<String, String> input) {
        Map<String, String> visit = new LinkedHashMap<>();
        VISIT_FIELDS.forEach(name -> visit.put(name, last(input.get(name))));
        TreeMap<Integer, Map<String, String>> blocks = new TreeMap<>();
        input.forEach((name, values) -> {
            Matcher problem = PROBLEM_INPUT.matcher(name);
            if (problem.matches() && PROBLEM_FIELDS.contains(problem.group(2))) {
                blocks.computeIfAbsent(Integer.parseInt(problem.group(1)), i -> new LinkedHashMap<>())
                        .put(problem.group(2), last(values));
            }
        });
        return new VisitForm(visit, new ArrayList<>(blocks.values()), last(input.get(KEY)),
                words(last(input.get(ENTERPRISE_SEARCH))));
    }

    /** A blank form: one empty problem block, and these words (null: none) looked up under 选择企业. */
    static VisitForm blank(Map<String, String> visit, String idempotencyKey, String enterpriseSearch) {
        return new VisitForm(new LinkedHashMap<>(visit), List.of(Map.of()), idempotencyKey, words(enterpriseSearch));
    }

    /**
     * Without the blocks left empty, so that a form may offer more blocks than the user needs. A block
     * counts as typed as soon as anything in it differs from a fresh block (a category, a word, urgent,
     * resolved on site): a half-filled block is kept, and the intake names what it lacks.
     */
    VisitForm withoutEmptyProblems() {
        return new VisitForm(visit, problems.stream().filter(p -> !isEmpty(p)).toList(), idempotencyKey,
                enterpriseSearch);
    }

    /** One more, empty, problem block at the end (the form's "添加问题" without JavaScript). */
    VisitForm withAnotherProblem(int most) {
        List<Map<String, String>> more = new ArrayList<>(problems);
        if (more.size() < most) {
            more.add(Map.of());
        }
        return new VisitForm(visit, more, idempotencyKey, enterpriseSearch);
    }

    /** At least one block to type into. */
    VisitForm withAProblemBlock() {
        return problems.isEmpty() ? new VisitForm(visit, List.of(Map.of()), idempotencyKey, enterpriseSearch) : this;
    }

    /** The enterprise chosen by its credit code, everything else as typed. */
    VisitForm withEnterprise(String creditCode) {
        Map<String, String> chosen = new LinkedHashMap<>(visit);
        chosen.put("enterpriseCreditCode", creditCode);
        return new VisitForm(chosen, problems, idempotencyKey, enterpriseSearch);
    }

    VisitForm withKey(String key) {
        return new VisitForm(visit, problems, key, enterpriseSearch);
    }

    /** The inputs as the API's field names ({@code problems[0].title}), the blocks numbered as they stand now. */
    MultiValueMap<String, String> inputs() {
        MultiValueMap<String, String> inputs = new LinkedMultiValueMap<>();
        visit.forEach((name, value) -> {
            if (value != null) {
                inputs.add(name, value);
            }
        });
        for (int i = 0; i < problems.size(); i++) {
            for (Map.Entry<String, String> field : problems.get(i).entrySet()) {
                if (field.getValue() != null) {
                    inputs.add("problems[" + i + "]." + field.getKey(), field.getValue());
                }
            }
        }
        return inputs;
    }

    private static boolean isEmpty(Map<String, String> problem) {
        return blank(problem.get("category")) && blank(problem.get("title")) && blank(problem.get("description"))
                && blank(problem.get("onSiteResolution")) && !"true".equals(problem.get("resolvedOnSite"))
                && (blank(problem.get("urgency")) || "NORMAL".equals(problem.get("urgency")));
    }

    private static String words(String typed) {
        return typed == null ? "" : typed.strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String last(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
