package org.sanfu.ticket.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.sanfu.Ids;
import org.sanfu.Message;
import org.sanfu.Typed;
import org.sanfu.catalog.Catalog;
import org.sanfu.enterprise.CreditCode;
import org.sanfu.enterprise.EnterpriseForm;
import org.sanfu.security.AccountDirectory;
import org.sanfu.ticket.ChannelCodes;
import org.sanfu.ticket.Source;
import org.sanfu.ticket.TicketCases;
import org.sanfu.ticket.TicketFilter;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.PageParams;
import org.sanfu.web.QueryParams;
import org.springframework.stereotype.Component;

/**
 * The query parameters of the ticket list (API.md "Tickets": {@code status}, {@code department},
 * {@code category}, {@code town}, {@code enterprise}, {@code overdue}, {@code from}, {@code to},
 * {@code q}, {@code page}, {@code size}, and the additions {@code leadDepartment}, {@code open}, {@code reporter} and
 * {@code source}, which may come more than once; the API's {@code updatedSince} and {@code afterId} too) as a filter and a page, read once for the API and the page: every malformed one is named in one {@link InvalidInput}.
 */
@Component
class TicketListParams {

    /**
     * The parameters as they came, text only; null or blank means "any". {@code source} holds each {@code source=}
     * given (any of them matches), never null.
     */
    record Raw(String status, String department, String category, String town, String enterprise,
            String overdue, String from, String to, String q, String leadDepartment, String open, String reporter,
            List<String> source) {

        Raw {
            source = source == null ? List.of() : source.stream().filter(s -> s != null).toList();
        }

        /** Whether any filter but the search words is set (the page then shows its filters open). */
        public boolean narrowed() {
            return Stream.concat(Stream.of(status, department, category, town, enterprise, overdue, from, to,
                    leadDepartment, open, reporter), source.stream())
                    .anyMatch(v -> v != null && !v.isBlank());
        }

        /**
         * The sources given, each once, as codes are filed ({@link Typed#code}: trimmed, full-width letters folded,
         * in capitals, so that {@code hotline} is HOTLINE), blanks left out: what the filter, the form and the chip
         * name.
         */
        public List<String> sources() {
            return source.stream().map(Typed::code).filter(s -> !s.isEmpty()).distinct().toList();
        }

        /** These parameters with the enterprise and the search words changed. */
        Raw withEnterpriseAndWords(String enterprise, String q) {
            return new Raw(status, department, category, town, enterprise, overdue, from, to, q, leadDepartment, open,
                    reporter, source);
        }

        /** These parameters without the free-text filters named (any of {@link #FREE_TEXT}): the others as given. */
        Raw withoutFreeText(Set<String> names) {
            return new Raw(status, department, category, names.contains("town") ? null : town,
                    names.contains("enterprise") ? null : enterprise, overdue, from, to,
                    names.contains("q") ? null : q, leadDepartment, open, names.contains("reporter") ? null : reporter,
                    source);
        }
    }

    /**
     * The filters typed as free text, checked only for length and clean characters: the list page shows the list
     * without one refused, the others applied, rather than no list, as /enterprises does.
     */
    static final Set<String> FREE_TEXT = Set.of("town", "enterprise", "q", "reporter");

    record Parsed(TicketFilter filter, PageParams page) {}

    private final QueryParams params;
    private final Catalog catalog;
    private final ChannelCodes channels;

    TicketListParams(QueryParams params, Catalog catalog, ChannelCodes channels) {
        this.params = params;
        this.catalog = catalog;
        this.channels = channels;
    }

    /**
     * What a ticket's source may be, each with its name in the list's words: a visit's (走访, 座谈会, 热线, 网上),
     * SYSTEMIC (共性问题, a systemic problem's case), then every channel by its name, revoked ones too (their tickets
     * keep the code).
     */
    Map<String, String> sourceNames() {
        Map<String, String> names = new LinkedHashMap<>();
        Stream.concat(Arrays.stream(Source.values()).map(Source::name), Stream.of(TicketCases.SOURCE))
                .forEach(s -> names.put(s, channels.labelOf(s)));
        names.putAll(channels.namesByCode());
        return names;
    }

    /**
     * The sources the list's filter offers to tick: {@link #sourceNames()} but a revoked channel's, unless tickets
     * from it are there to find or it is asked for ({@code raw}'s sources, which stay ticked). Those the filter
     * accepts stay as they are: a revoked channel's code keeps finding its tickets.
     */
    Map<String, String> offeredSources(Raw raw) {
        Map<String, String> names = sourceNames();
        Set<String> unoffered = new HashSet<>(channels.revoked());
        unoffered.removeAll(raw.sources());
        if (!unoffered.isEmpty()) {
            unoffered.removeAll(channels.inUse(unoffered));
            names.keySet().removeAll(unoffered);
        }
        return names;
    }

    /**
     * The filter and the page of GET /api/tickets, or 400 naming every parameter at fault: an {@code enterprise} longer
     * than a credit code is one; so is an {@code updatedSince} (addition, the API's alone) that is no moment, and an
     * {@code afterId} (addition, the pull's keyset) that is no ticket's id or comes without an {@code updatedSince}.
     */
    Parsed parse(Raw raw, String updatedSince, String afterId, Integer page, Integer size) {
        return parse(raw, CreditCode.LENGTH, updatedSince, afterId, errors -> {
            try {
                return PageParams.of(page, size);
            } catch (InvalidInput e) {
                errors.addAll(e);
                return null;
            }
        });
    }

    /**
     * The same for the list page and its export, where {@code enterprise} may hold a name typed in the code's box (a
     * hand-edited link; the input has maxlength): up to the bound of the words it would be searched as, it filters as
     * a short name does, matching nothing, and the page offers those words as a keyword search (#enterpriseNotACode);
     * longer is 400 as in the API. The page number is read as typed, as the other paged pages read it
     * ({@link PageParams#shown}): one past the depth is the last page allowed, where the API refuses it.
     */
    Parsed parseOnPages(Raw raw, String page, int size) {
        return parse(raw, QueryParams.WORDS_MAX, null, null, errors -> PageParams.shown(errors, page, size));
    }

    /**
     * The status given as the list reads it ({@link QueryParams#enumValue}: any ASCII case, full-width letters,
     * spaces at its ends, so that {@code replied} is REPLIED), or null for none or one no ticket can be in, which
     * {@link #parseOnPages} names: what the page's 状态 box shows chosen, even when another filter is refused and
     * no list is shown, so that sending the form again keeps the filter.
     */
    TicketStatus status(Raw raw) {
        return params.enumValue(new InvalidInput.Collector(), "status", raw.status(), TicketStatus.class);
    }

    /**
     * Whether open tickets are asked for, as the list reads it ({@link QueryParams#bool}: {@code TRUE} and {@code True}
     * are true), or null for none or a value that is neither, which {@link #parseOnPages} names: what the page's
     * 是否办结 box shows chosen, so that sending the form again keeps the filter (as {@link #status}).
     */
    Boolean open(Raw raw) {
        return params.bool(new InvalidInput.Collector(), "open", raw.open());
    }

    /** Whether overdue tickets are asked for, read as {@link #open} is: what the page's 是否超期 box shows chosen. */
    Boolean overdue(Raw raw) {
        return params.bool(new InvalidInput.Collector(), "overdue", raw.overdue());
    }

    private Parsed parse(Raw raw, int enterpriseMax, String updatedSinceText, String afterIdText,
            Function<InvalidInput.Collector, PageParams> paging) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        TicketStatus status = params.enumValue(errors, "status", raw.status(), TicketStatus.class);
        // codes as the catalog files them: full-width ones of a Chinese input method read as ASCII (Typed.folded),
        // in any ASCII case as every enum code is read (Catalog.category: financing is FINANCING)
        String department = params.code(errors, "department", raw.department(), catalog::department,
                catalog.departmentCodes());
        String leadDepartment = params.code(errors, "leadDepartment", raw.leadDepartment(), catalog::department,
                catalog.departmentCodes());
        String category = params.code(errors, "category", raw.category(), catalog::category, catalog.categoryCodes());
        // a username as free text: an unknown one simply matches nothing, but what no username can be (over the
        // column's width, a lone surrogate; a control character the firewall refuses first) is a mistake to name
        String reporter = params.folded(raw.reporter());
        errors.optionalText("reporter", reporter, AccountDirectory.USERNAME_MAX);
        // so are a town and a credit code longer than any ticket's (its enterprise's), which could match nothing (on the
        // pages, a code box holding a name is answered with a keyword search, so bounded as words), and words longer
        // than /api/enterprises takes: a client's 100 000 characters would be compared with every ticket
        // a town is a name: only its ends are cleaned, a no-break space pasted after it too (Typed.trimmed)
        String town = params.trimmed(raw.town());
        errors.optionalText("town", town, EnterpriseForm.TOWN_MAX);
        String enterprise = params.folded(raw.enterprise());
        errors.optionalText("enterprise", enterprise, enterpriseMax);
        // as typed: each word matches as typed or folded, in the SQL list and the index alike (Sql.asTypedOrFolded), so
        // that ＣＯＳＣＯ finds COSCO and （宁波） an official name's full-width brackets
        String q = params.text(raw.q());
        errors.optionalText("q", q, QueryParams.WORDS_MAX);
        // more than one may be asked for (the office's entries come by hotline and online): any of them matches; one
        // no ticket can have is a mistake to name, not an empty list
        List<String> sources = raw.sources();
        if (!sources.isEmpty()) {
            Set<String> known = sourceNames().keySet();
            if (!known.containsAll(sources)) {
                errors.add("source", Message.of("sanfu.validation.one-of", "values", known));
            }
        }
        Boolean overdue = params.bool(errors, "overdue", raw.overdue());
        Boolean open = params.bool(errors, "open", raw.open());
        Instant from = params.startOf(errors, "from", raw.from());
        Instant to = params.endOf(errors, "to", raw.to());
        params.inOrder(errors, from, to);
        Instant updatedSince = params.moment(errors, "updatedSince", updatedSinceText);
        Long afterId = afterId(errors, afterIdText, updatedSinceText);
        PageParams pageParams = paging.apply(errors);
        errors.throwIfAny();
        TicketFilter filter = new TicketFilter(status, department, category, town,
                CreditCode.normalize(enterprise), overdue, from, to, q,
                leadDepartment, open, reporter, sources, updatedSince, afterId);
        return new Parsed(filter, pageParams);
    }

    /**
     * The id of the last ticket a pull received, as the API writes ids ({@link Ids#parse}: 1 or more, ASCII digits);
     * null when absent or blank. It says where in the moment of {@code updatedSince} the pull goes on, so alone it
     * means nothing: without one it is refused, rather than ignored as if the whole list were asked.
     */
    private Long afterId(InvalidInput.Collector errors, String afterIdText, String updatedSinceText) {
        String text = params.text(afterIdText);
        if (text == null) {
            return null;
        }
        OptionalLong id = Ids.parse(text);
        if (id.isEmpty()) {
            errors.add("afterId", Message.of("sanfu.validation.ticket-id"));
            return null;
        }
        if (params.text(updatedSinceText) == null) {
            errors.add("afterId", Message.of("sanfu.validation.after-id-alone"));
            return null;
        }
        return id.getAsLong();
    }
}
