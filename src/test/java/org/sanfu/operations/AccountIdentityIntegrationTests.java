package org.sanfu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.sanfu.Api;
import org.sanfu.SanfuTest;
import org.sanfu.TestAccounts;
import org.sanfu.security.AccountAdministration;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.springframework.beans.factory.annotation.Autowired;

/** Camunda's identity is Sanfu's accounts: users, their role and department as groups, camunda-admin. */
@SanfuTest
class AccountIdentityIntegrationTests {

    @Autowired
    IdentityService identity;
    @Autowired
    TaskService tasks;
    @Autowired
    Api api;
    @Autowired
    AccountAdministration administration;

    @Test
    void usersAreTheAccountsAndCamundaCannotChangeThem() {
        assertThat(identity.isReadOnly()).isTrue();
        assertThat(ids(identity.createUserQuery().list())).contains("staff1", "staff2", "dispatch", "commerce",
                "finance", "transport", "customs", "hrss", "justice", "leader", "admin");
        User finance = identity.createUserQuery().userId("finance").singleResult();
        assertThat(finance.getFirstName()).isEqualTo("finance");
        assertThat(finance.getLastName()).isEqualTo("金融办");
        assertThat(identity.createUserQuery().userId("nobody").singleResult()).isNull();
        assertThat(identity.checkPassword("finance", "demo")).isTrue();
        assertThat(identity.checkPassword("finance", "wrong")).isFalse();
        assertThat(identity.checkPassword("nobody", "demo")).isFalse();
    }

    @Test
    void rolesAndDepartmentsAreGroupsAndOnlyAdminIsACamundaAdmin() {
        assertThat(ids(identity.createUserQuery().memberOfGroup("camunda-admin").list())).containsExactly("admin");
        assertThat(ids(identity.createGroupQuery().groupMember("admin").list()))
                .containsExactlyInAnyOrder("ADMIN", "camunda-admin");
        assertThat(ids(identity.createGroupQuery().groupMember("finance").list()))
                .containsExactlyInAnyOrder("DEPT", "FINANCE");
        // the task-force office: role and department are one group, the candidate group of its tasks
        assertThat(ids(identity.createGroupQuery().groupMember("dispatch").list())).containsExactly("DISPATCH");
        assertThat(ids(identity.createGroupQuery().groupMember("leader").list())).containsExactly("LEADER");
        assertThat(ids(identity.createGroupQuery().list())).contains("STAFF", "DISPATCH", "DEPT", "LEADER", "ADMIN",
                "COMMERCE", "FINANCE", "TRANSPORT", "CUSTOMS", "HRSS", "JUSTICE", "camunda-admin");
        Group finance = identity.createGroupQuery().groupId("FINANCE").singleResult();
        assertThat(finance.getName()).isEqualTo("金融办");
        assertThat(finance.getType()).isEqualTo("WORKFLOW");
        assertThat(ids(identity.createUserQuery().memberOfGroup("STAFF").list())).contains("staff1", "staff2")
                .doesNotContain("admin");
        assertThat(identity.createTenantQuery().userMember("admin").includingGroupsOfUser(true).list()).isEmpty();
    }

    @Test
    void aDisabledAccountIsStillAUserButInNoGroup() {
        String username = "gone" + Api.creditCode().substring(12).toLowerCase(Locale.ROOT);
        TestAccounts.create(administration, username, "ADMIN", null, "Sanfu-Gone-Passw0rd!");
        assertThat(ids(identity.createUserQuery().memberOfGroup("camunda-admin").list())).contains(username);
        administration.disable(new Caller("admin", Role.ADMIN, null), username);

        assertThat(identity.createUserQuery().userId(username).singleResult()).as("who it was stays readable")
                .isNotNull();
        assertThat(identity.createGroupQuery().groupMember(username).list()).isEmpty();
        assertThat(ids(identity.createUserQuery().memberOfGroup("camunda-admin").list())).doesNotContain(username);
        assertThat(ids(identity.createUserQuery().memberOfGroup("ADMIN").list())).doesNotContain(username);
        assertThat(identity.checkPassword(username, "Sanfu-Gone-Passw0rd!")).isFalse();
    }

    @Test
    void queriesFilterSortAndPageLikeCamundasOwn() {
        assertThat(ids(identity.createUserQuery().userFirstNameLike("staff%").orderByUserId().asc().list()))
                .containsExactly("staff1", "staff2");
        assertThat(ids(identity.createUserQuery().userIdIn("leader", "admin", "nobody").orderByUserId().desc()
                .list())).containsExactly("leader", "admin");
        assertThat(identity.createUserQuery().memberOfGroup("DEPT").count()).isGreaterThanOrEqualTo(6);
        assertThat(identity.createUserQuery().orderByUserId().asc().listPage(0, 2)).hasSize(2);
        assertThat(ids(identity.createGroupQuery().groupNameLike("%局").groupType("WORKFLOW").orderByGroupId()
                .asc().list())).contains("COMMERCE", "HRSS", "JUSTICE").doesNotContain("FINANCE", "DISPATCH");
    }

    @Test
    void aDepartmentsUsersAreCandidatesForItsTasksAsTasklistShowsThem() {
        JsonNode ticket = api.ticket("FINANCING");
        assertThat(ticket.get("leadDepartment").asText()).isEqualTo("FINANCE");
        String businessKey = ticket.get("id").asText();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskCandidateUser("finance")
                .count()).isEqualTo(1);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskCandidateUser("commerce")
                .count()).isZero();
    }

    private static List<String> ids(List<?> items) {
        return items.stream().map(i -> i instanceof User u ? u.getId() : ((Group) i).getId()).toList();
    }
}
