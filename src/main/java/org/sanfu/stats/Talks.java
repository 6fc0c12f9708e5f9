package org.sanfu.stats;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.sanfu.DomainException;
import org.sanfu.Message;
import org.sanfu.SanfuProperties;
import org.sanfu.Sql;
import org.sanfu.Typed;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.QueryParams;
import org.sanfu.web.Text;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 约谈, recorded: after each month's ranking the task force talks with its 蜗牛店小二 and the towns shown a
 * red card, and a leader records each talk, once per month and subject. The quarter's roll shows them
 * beside the names ({@link StatsService#medals}). A talk about a month that is over is with a name on its
 * ranking, stored when the month closed or, where that was missed, when the talk is recorded
 * ({@link MonthlyRankings#settled}); in the month under way the names may still change while its tickets are
 * handled, so a talk is checked against the departments and towns only. A month not begun has no talk yet.
 */
@Service
public class Talks {

    /** The longest town name a talk takes (the column's width). */
    static final int SUBJECT_MAX = 200;

    private final JdbcClient jdbc;
    private final StatsParameters parameters;
    private final QueryParams params;
    private final Catalog catalog;
    private final FigureRollup figures;
    private final MonthlyRankings rankings;
    private final Clock clock;
    private final ZoneId zone;

    Talks(JdbcClient jdbc, StatsParameters parameters, QueryParams params, Catalog catalog, FigureRollup figures,
            MonthlyRankings rankings, Clock clock, SanfuProperties properties) {
        this.rankings = rankings;
        this.jdbc = jdbc;
        this.parameters = parameters;
        this.params = params;
        this.catalog = catalog;
        this.figures = figures;
        this.clock = clock;
        this.zone = properties.zone();
    }

    /** LEADER: the talk, recorded; 400 naming each field at fault, 409 when one was recorded already. */
    @Transactional
    public Talk record(TalkRequest request, Caller caller) {
        caller.require(Role.LEADER);
        Checked talk = check(request);
        String label = label(talk.kind(), talk.subject());
        recordedAlready(talk, label).ifPresent(refusal -> {
            throw refusal;
        });
        Instant now = clock.instant();
        try {
            jdbc.sql("insert into talk (ranking_month, subject_kind, subject, held_on, note, recorded_by, recorded_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?)")
                    .params(Date.valueOf(talk.month().atDay(1)), talk.kind().name(), talk.subject(),
                            Date.valueOf(talk.heldOn()), talk.note(), caller.username(), Sql.ts(now))
                    .update();
        } catch (DuplicateKeyException raced) {
            // another leader's, committed since the check; PostgreSQL reads nothing more in this transaction
            throw new DomainException.Exists(Message.of("sanfu.talk.recorded-meanwhile", "month",
                    monthOf(talk.month()), "subject", label));
        }
        return new Talk(talk.month().toString(), talk.kind(), talk.subject(), label, talk.heldOn(), talk.note(),
                caller.username(), now);
    }

    /** The talks of the months {@code first} to {@code last}, by month, then as recorded. */
    public List<Talk> of(YearMonth first, YearMonth last) {
        return jdbc.sql("select ranking_month, subject_kind, subject, held_on, note, recorded_by, recorded_at from talk"
                        + " where ranking_month >= ? and ranking_month <= ? order by ranking_month, id")
                .params(Date.valueOf(first.atDay(1)), Date.valueOf(last.atDay(1)))
                .query((rs, n) -> {
                    Talk.Subject kind = Talk.Subject.valueOf(rs.getString("subject_kind"));
                    String subject = rs.getString("subject");
                    return new Talk(YearMonth.from(rs.getDate("ranking_month").toLocalDate()).toString(), kind, subject,
                            label(kind, subject), rs.getDate("held_on").toLocalDate(), rs.getString("note"),
                            rs.getString("recorded_by"), Sql.instant(rs, "recorded_at"));
                }).list();
    }

    /**
     * The talk's subject as meant: a department's code as the catalog's codes are read (Catalog#departmentOrAsSent:
     * ＴＲＡＮＳＰＯＲＴ and transport are TRANSPORT; one it has none of stays as sent, to be refused so), a town as a
     * town is (Typed.trimmed: its ends lose a no-break or zero-width space pasted with it, its inner characters stay);
     * null stays null.
     */
    String asMeant(boolean department, String subject) {
        return department ? catalog.departmentOrAsSent(subject) : Typed.trimmed(subject);
    }

    private record Checked(YearMonth month, Talk.Subject kind, String subject, LocalDate heldOn, String note) {}

    private Checked check(TalkRequest r) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        YearMonth month = parameters.requiredMonth(errors, "month", r.month());
        String subject = asMeant(r.subjectKind() == Talk.Subject.DEPARTMENT, r.subject());
        if (r.subjectKind() == null) {
            errors.add("subjectKind", Message.of("sanfu.validation.one-of", "values", Talk.Subject.values()));
        } else if (r.subjectKind() == Talk.Subject.DEPARTMENT) {
            if (!catalog.isHandlingDepartment(subject)) {
                errors.add("subject", Message.of("sanfu.validation.department", "departments", String.join(", ",
                        catalog.departmentCodes().stream().filter(catalog::isHandlingDepartment).toList())));
            }
        } else {
            errors.requireText("subject", r.subject(), SUBJECT_MAX);
            if (!errors.has("subject") && !figures.knowsTown(subject)) {
                errors.add("subject", Message.of("sanfu.talk.unknown-town"));
            }
        }
        if (month != null) {
            whom(errors, month, r.subjectKind(), subject, rankings::settled);
        }
        LocalDate heldOn = null;
        if (params.text(r.heldOn()) == null) {
            errors.add("heldOn", Message.of("sanfu.validation.not-blank"));
        } else {
            heldOn = params.day(errors, "heldOn", r.heldOn());
        }
        if (heldOn != null && heldOn.isAfter(LocalDate.now(clock.withZone(zone)))) {
            errors.add("heldOn", Message.of("sanfu.talk.held-in-future"));
        } else if (heldOn != null && month != null && !errors.has("month") && heldOn.isBefore(month.atDay(1))) {
            errors.add("heldOn", Message.of("sanfu.talk.held-before-month", "first", month.atDay(1)));
        }
        errors.requireParagraphs("note", r.note(), Text.MAX);
        errors.throwIfAny();
        return new Checked(month, r.subjectKind(), subject, heldOn, r.note().strip());
    }

    /**
     * What recording a talk about the month with the subject would find wrong with them, without storing anything
     * (the talk's form, before it is filled in): the month not begun ({@code month}), a subject not on the ranking
     * of a month over, as it stands ({@code subject}). A kind or subject that is no such is left to the form.
     */
    void checkWhom(InvalidInput.Collector errors, YearMonth month, Talk.Subject kind, String subject) {
        String whom = asMeant(kind == Talk.Subject.DEPARTMENT, subject);
        boolean known = kind == Talk.Subject.DEPARTMENT ? catalog.isHandlingDepartment(whom)
                : kind == Talk.Subject.TOWN && whom != null && !whom.isEmpty();
        whom(errors, month, known ? kind : null, whom, rankings::of);
    }

    /**
     * Whether the month's ranking as it stands (stored, or computed now) names the subject: a department among its
     * 蜗牛店小二, a town among its red cards. The talk's form of the month under way says so, not recording.
     */
    boolean namedNow(YearMonth month, Talk.Subject kind, String subject) {
        return named(rankings.of(month), kind, subject);
    }

    private static boolean named(Ranking ranking, Talk.Subject kind, String subject) {
        return kind == Talk.Subject.DEPARTMENT
                ? ranking.withMedal(Ranking.Medal.SNAIL).stream().anyMatch(d -> d.key().equals(subject))
                : ranking.redCards().stream().anyMatch(c -> c.town().equals(subject));
    }

    /**
     * A month not begun has had no talk (no day could be its {@code heldOn}). A month over goes by its ranking, as
     * {@code roll} gives it: a talk is with one of its 蜗牛店小二 or red-carded towns. In the month under way the
     * names still move with its tickets, so any handling department or known town is taken (the form says so).
     */
    private void whom(InvalidInput.Collector errors, YearMonth month, Talk.Subject kind, String subject,
            Function<YearMonth, Ranking> roll) {
        YearMonth current = parameters.currentMonth();
        if (month.isAfter(current)) {
            errors.add("month", Message.of("sanfu.talk.month-not-begun", "month", monthOf(month)));
            return;
        }
        if (kind == null || errors.has("subject") || !month.isBefore(current)) {
            return;
        }
        if (named(roll.apply(month), kind, subject)) {
            return;
        }
        errors.add("subject", kind == Talk.Subject.DEPARTMENT
                ? Message.of("sanfu.talk.not-snail", "month", monthOf(month), "subject", catalog.departmentLabel(subject))
                : Message.of("sanfu.talk.not-red-carded", "month", monthOf(month), "subject", subject));
    }

    private String label(Talk.Subject kind, String subject) {
        return kind == Talk.Subject.DEPARTMENT ? catalog.departmentLabel(subject) : subject;
    }

    /** 409 when this month's talk with this subject was recorded already, saying when it was held. */
    private Optional<DomainException.NotNow> recordedAlready(Checked talk, String label) {
        return jdbc.sql("select held_on from talk where ranking_month = ? and subject_kind = ? and subject = ?")
                .params(Date.valueOf(talk.month().atDay(1)), talk.kind().name(), talk.subject())
                .query((rs, n) -> rs.getDate("held_on").toLocalDate()).optional()
                .map(heldOn -> new DomainException.Exists(Message.of("sanfu.talk.exists", "month",
                        monthOf(talk.month()), "subject", label, "heldOn", heldOn)));
    }

    /** The ranking's month in a message, as each language writes it (2013年2月, 2/2013). */
    private static Message monthOf(YearMonth month) {
        return Message.of("sanfu.talk.month", "year", month.getYear(), "month", month.getMonthValue());
    }
}
