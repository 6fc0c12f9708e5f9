package org.sanfu.operations;

import static org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.NativeUserQuery;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.engine.impl.Direction;
import org.camunda.bpm.engine.impl.GroupQueryImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TenantQueryImpl;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.AccountDirectory;
import org.sanfu.security.Role;

/**
 * Camunda's users and groups, read from Sanfu's accounts: one source of truth, nothing copied, so
 * nothing to drift or to race over when several nodes start on one database. A user is an account;
 * its groups are its role (STAFF, DISPATCH, DEPT, LEADER, ADMIN), its department by code (the
 * candidate groups of bpmn/ticket.bpmn, so Cockpit shows who may act on each task), and for
 * ADMIN Camunda's {@code camunda-admin}; a disabled account is in no group. There are no tenants. The
 * accounts are few (tens, not thousands), so a query reads them all and filters, sorts and pages in memory.
 */
final class AccountIdentityProvider implements ReadOnlyIdentityProvider {

    static final String TYPE_ROLE = "SYSTEM";
    static final String TYPE_DEPARTMENT = "WORKFLOW";

    private static final Map<Role, String> ROLE_LABELS = Map.of(
            Role.STAFF, "服务专员", Role.DISPATCH, "专班办公室", Role.DEPT, "责任部门",
            Role.LEADER, "领导", Role.ADMIN, "管理员");

    private final AccountDirectory accounts;
    private final Catalog catalog;

    AccountIdentityProvider(AccountDirectory accounts, Catalog catalog) {
        this.accounts = accounts;
        this.catalog = catalog;
    }

    // --- users ---

    @Override
    public User findUserById(String userId) {
        return accounts.find(userId).map(this::user).orElse(null);
    }

    @Override
    public UserQuery createUserQuery() {
        return new UserSearch(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public UserQuery createUserQuery(CommandContext commandContext) {
        return new UserSearch();
    }

    @Override
    public NativeUserQuery createNativeUserQuery() {
        throw new BadUserRequestException("native user queries are not supported: Camunda's users are Sanfu's accounts");
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        return accounts.passwordMatches(userId, password);
    }

    // --- groups ---

    @Override
    public Group findGroupById(String groupId) {
        return allGroups().stream().filter(g -> g.getId().equals(groupId)).findFirst().orElse(null);
    }

    @Override
    public GroupQuery createGroupQuery() {
        return new GroupSearch(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public GroupQuery createGroupQuery(CommandContext commandContext) {
        return new GroupSearch();
    }

    // --- tenants: none ---

    @Override
    public Tenant findTenantById(String tenantId) {
        return null;
    }

    @Override
    public TenantQuery createTenantQuery() {
        return new NoTenants(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
    }

    @Override
    public TenantQuery createTenantQuery(CommandContext commandContext) {
        return new NoTenants();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    // --- the mapping ---

    private User user(AccountDirectory.Person person) {
        UserEntity user = new UserEntity(person.username());
        user.setFirstName(person.username());
        user.setLastName(person.department() != null ? catalog.departmentLabel(person.department())
                : ROLE_LABELS.get(person.role()));
        return user;
    }

    /** The ids of the groups a person belongs to. */
    static List<String> groupIds(AccountDirectory.Person person) {
        if (!person.enabled()) {
            // listed as a user (who it was stays readable), but it works no task and administers nothing
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        ids.add(person.role().name());
        if (person.department() != null && !ids.contains(person.department())) {
            ids.add(person.department());
        }
        if (person.role() == Role.ADMIN) {
            ids.add(CAMUNDA_ADMIN);
        }
        return ids;
    }

    /** Every role, every configured department (DISPATCH is both) and camunda-admin. */
    private List<Group> allGroups() {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            groups.put(role.name(), group(role.name(), ROLE_LABELS.get(role), TYPE_ROLE));
        }
        for (String code : catalog.departmentCodes()) {
            groups.put(code, group(code, catalog.departmentLabel(code), TYPE_DEPARTMENT));
        }
        groups.put(CAMUNDA_ADMIN, group(CAMUNDA_ADMIN, "Camunda 管理员", TYPE_ROLE));
        return List.copyOf(groups.values());
    }

    private static Group group(String id, String name, String type) {
        GroupEntity group = new GroupEntity(id);
        group.setName(name);
        group.setType(type);
        return group;
    }

    private static AccountIdentityProvider current(CommandContext commandContext) {
        return (AccountIdentityProvider) commandContext.getReadOnlyIdentityProvider();
    }

    // --- the queries ---

    private static final class UserSearch extends UserQueryImpl {

        UserSearch() {
        }

        UserSearch(CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            return matching(commandContext).count();
        }

        @Override
        public List<User> executeList(CommandContext commandContext, Page page) {
            return page(sorted(matching(commandContext), getOrderingProperties(), Map.of(
                    "ID_", User::getId, "FIRST_", User::getFirstName, "LAST_", User::getLastName,
                    "EMAIL_", User::getEmail)), page, getFirstResult(), getMaxResults());
        }

        private Stream<User> matching(CommandContext commandContext) {
            if (tenantId != null || procDefId != null) {
                return Stream.empty();
            }
            AccountIdentityProvider provider = current(commandContext);
            return provider.accounts.all().stream()
                    .filter(p -> groupId == null || groupIds(p).contains(groupId))
                    .map(provider::user)
                    .filter(u -> id == null || id.equals(u.getId()))
                    .filter(u -> ids == null || List.of(ids).contains(u.getId()))
                    .filter(u -> firstName == null || firstName.equals(u.getFirstName()))
                    .filter(u -> like(firstNameLike, u.getFirstName()))
                    .filter(u -> lastName == null || lastName.equals(u.getLastName()))
                    .filter(u -> like(lastNameLike, u.getLastName()))
                    .filter(u -> email == null || email.equals(u.getEmail()))
                    .filter(u -> like(emailLike, u.getEmail()));
        }
    }

    private static final class GroupSearch extends GroupQueryImpl {

        GroupSearch() {
        }

        GroupSearch(CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            return matching(commandContext).count();
        }

        @Override
        public List<Group> executeList(CommandContext commandContext, Page page) {
            return page(sorted(matching(commandContext), getOrderingProperties(), Map.of(
                    "ID_", Group::getId, "NAME_", Group::getName, "TYPE_", Group::getType)), page, getFirstResult(),
                    getMaxResults());
        }

        private Stream<Group> matching(CommandContext commandContext) {
            if (tenantId != null || procDefId != null) {
                return Stream.empty();
            }
            AccountIdentityProvider provider = current(commandContext);
            List<String> memberOf = userId == null ? null
                    : provider.accounts.find(userId).map(AccountIdentityProvider::groupIds).orElse(List.of());
            return provider.allGroups().stream()
                    .filter(g -> memberOf == null || memberOf.contains(g.getId()))
                    .filter(g -> id == null || id.equals(g.getId()))
                    .filter(g -> ids == null || List.of(ids).contains(g.getId()))
                    .filter(g -> name == null || name.equals(g.getName()))
                    .filter(g -> like(nameLike, g.getName()))
                    .filter(g -> type == null || type.equals(g.getType()));
        }
    }

    private static final class NoTenants extends TenantQueryImpl {

        NoTenants() {
        }

        NoTenants(CommandExecutor executor) {
            super(executor);
        }

        @Override
        public long executeCount(CommandContext commandContext) {
            return 0;
        }

        @Override
        public List<Tenant> executeList(CommandContext commandContext, Page page) {
            return List.of();
        }
    }

    // --- query helpers ---

    /** SQL LIKE as Camunda's queries use it: {@code %} for any text, {@code _} for one character. */
    static boolean like(String pattern, String value) {
        if (pattern == null) {
            return true;
        }
        if (value == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(value).matches();
    }

    private static <T> Stream<T> sorted(Stream<T> items, List<QueryOrderingProperty> order,
            Map<String, Function<T, String>> columns) {
        Comparator<T> comparator = null;
        for (QueryOrderingProperty property : order) {
            Function<T, String> column = columns.get(property.getQueryProperty().getName());
            if (column == null) {
                continue;
            }
            Comparator<T> next = Comparator.comparing(column, Comparator.nullsFirst(Comparator.naturalOrder()));
            if (property.getDirection() == Direction.DESCENDING) {
                next = next.reversed();
            }
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        return comparator == null ? items : items.sorted(comparator);
    }

    /** The page asked for: by the engine's Page where it passes one, else by the query's listPage(first, max). */
    private static <T> List<T> page(Stream<T> items, Page page, int firstResult, int maxResults) {
        int first = page != null ? page.getFirstResult() : firstResult;
        int max = page != null ? page.getMaxResults() : maxResults;
        return items.skip(Math.max(0, first)).limit(Math.max(0, max)).filter(Objects::nonNull).toList();
    }
}
