package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.sanfu.Api;
import org.sanfu.Browser;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A department's handler on a phone types the reply, then uploads the 答复函 through the 附件 form, a form of its own
 * whose answer reloads the page: the reply comes back as typed, its form open (js/ticket-drafts.js), and the page
 * lands at the 附件 section, where the upload is confirmed, the 办理结果 chosen as well. Sending a form drops what it
 * kept; another ticket's page never shows it. On a shared office PC, what one account typed and did not send is never
 * the next account's in the same tab: the drafts name their account, and the sign-out and the sign-in page drop them.
 */
@SanfuTest
class TicketDraftsBrowserTests {

    @RegisterExtension
    static final Browser phone = Browser.phone();

    @Autowired
    Api api;

    @TempDir
    Path files;

    @Test
    void theReplyTypedBeforeTheUploadIsThereAfterItAndGoesWhenSent() throws IOException {
        String id = api.ticket("FINANCING").get("id").asText();
        String other = api.ticket("FINANCING").get("id").asText();
        api.act(id, "sign", "finance", null);
        api.act(other, "sign", "finance", null);
        // an ASCII name: chromedriver finds no file under a Chinese path
        Path letter = Files.write(files.resolve("reply-letter.pdf"), TicketAttachmentWebTests.PDF);
        String reply = "已协调银行，授信额度本周内批复。";

        phone.signInAs("finance").open("/tickets/" + id);
        phone.find("#action-reply summary").click();
        phone.type("form[data-action=reply] textarea[name=resolution]", reply);
        phone.find("form[data-action=reply] select[name=outcome] option[value=PARTIAL]").click();
        phone.find("#action-comment summary").click();
        phone.type("form[data-action=comment] textarea[name=text]", "已电话联系企业");
        phone.find("#attachmentFile").sendKeys(letter.toString());
        phone.follow("#attachForm button[type=submit]");

        // the upload's answer: at the 附件 section, its confirmation on the screen
        assertThat(phone.path()).isEqualTo("/tickets/" + id + "#attachments");
        assertThat(phone.text("attached")).isEqualTo("已添加附件：reply-letter.pdf");
        assertThat(phone.script("var r = document.getElementById('attached').getBoundingClientRect();"
                + " return r.top >= 0 && r.bottom <= window.innerHeight")).isEqualTo(true);
        // the reply as typed, its form open again
        assertThat(phone.find("#action-reply").getDomProperty("open")).isEqualTo("true");
        assertThat(phone.find("form[data-action=reply] textarea[name=resolution]").getDomProperty("value"))
                .isEqualTo(reply);
        assertThat(phone.find("form[data-action=reply] select[name=outcome]").getDomProperty("value"))
                .isEqualTo("PARTIAL");

        // another ticket's forms hold nothing of it
        phone.open("/tickets/" + other);
        assertThat(phone.find("#action-reply").getDomProperty("open")).isEqualTo("false");
        assertThat(phone.find("form[data-action=reply] textarea[name=resolution]").getDomProperty("value")).isEmpty();

        // the 备注 sent: its form is empty on the page after, the reply not sent is still kept
        phone.open("/tickets/" + id);
        assertThat(phone.find("form[data-action=comment] textarea[name=text]").getDomProperty("value"))
                .isEqualTo("已电话联系企业");
        phone.follow("form[data-action=comment] button[type=submit]");
        assertThat(phone.text("history")).contains("已电话联系企业");
        assertThat(phone.find("form[data-action=comment] textarea[name=text]").getDomProperty("value")).isEmpty();
        assertThat(phone.find("form[data-action=reply] textarea[name=resolution]").getDomProperty("value"))
                .isEqualTo(reply);

        // the reply sent: nothing kept of it any more
        phone.find("form[data-action=reply] select[name=outcome] option[value=RESOLVED]").click();
        phone.follow("form[data-action=reply] button[type=submit]");
        assertThat(phone.text("status")).isEqualTo("已答复待回访");
        assertThat(drafts()).noneMatch(key -> key.endsWith("." + id + ".reply"));
        phone.noPolicyViolations();
    }

    @Test
    void oneAccountsUnsentDraftIsNotTheNextAccountsInTheSameTab() {
        String id = api.ticket("FINANCING").get("id").asText();
        api.act(id, "sign", "finance", null);

        // finance types a 备注 and signs out without sending it
        phone.signInAs("finance").open("/tickets/" + id);
        phone.find("#action-comment summary").click();
        phone.type("form[data-action=comment] textarea[name=text]", "企业法人手机号 13800000000，勿外传");
        Object kept = phone.script("var kept = {}; Object.keys(sessionStorage).forEach(function (k) {"
                + " if (k.indexOf('sanfu.draft.') === 0) { kept[k] = sessionStorage.getItem(k); } }); return kept");
        assertThat(drafts()).isNotEmpty();
        phone.follow("#signOut button[type=submit]");
        assertThat(phone.path()).startsWith("/login");
        assertThat(drafts()).isEmpty();

        // dispatch, who may comment on it too, signs in in the same tab: its 备注 form empty and closed
        phone.signInAs("dispatch").open("/tickets/" + id);
        assertThat(phone.find("#action-comment").getDomProperty("open")).isEqualTo("false");
        assertThat(phone.find("form[data-action=comment] textarea[name=text]").getDomProperty("value")).isEmpty();

        // finance's draft, had it outlived the sign-out and the sign-in page (put back as it was), is not dispatch's
        phone.script("var kept = arguments[0]; Object.keys(kept).forEach(function (k) {"
                + " sessionStorage.setItem(k, kept[k]); })", kept);
        phone.open("/tickets/" + id);
        assertThat(phone.find("#action-comment").getDomProperty("open")).isEqualTo("false");
        assertThat(phone.find("form[data-action=comment] textarea[name=text]").getDomProperty("value")).isEmpty();

        // the session gone without the sign-out form (timed out): the sign-in page cannot tell who signs in and keeps
        // dispatch's draft, which the first page of the next account's sign-in drops
        phone.find("#action-comment summary").click();
        phone.type("form[data-action=comment] textarea[name=text]", "已电话联系企业");
        assertThat(drafts()).isNotEmpty();
        phone.signOut().open("/login");
        phone.signInAs("finance");
        assertThat(drafts()).isEmpty();
        phone.noPolicyViolations();
    }

    /**
     * The session timed out while finance had typed a reply and a 备注, unsent: signed in again as the same account in
     * that tab, both are back in their forms, where the sign-in page used to drop them. Another account signing in next
     * in that tab finds neither, and finance's drafts are gone from it.
     */
    @Test
    void theSameAccountSigningInAgainAfterATimeOutFindsItsUnsentFormsAnotherNone() {
        String id = api.ticket("FINANCING").get("id").asText();
        api.act(id, "sign", "finance", null);
        String typedReply = "已协调银行，授信额度本周内批复。";
        String reply = "form[data-action=reply] textarea[name=resolution]";
        String comment = "form[data-action=comment] textarea[name=text]";

        phone.signInAs("finance").open("/tickets/" + id);
        phone.find("#action-reply summary").click();
        phone.type(reply, typedReply);
        phone.find("#action-comment summary").click();
        phone.type(comment, "已电话联系企业");

        // timed out: the next page is the sign-in, and finance signs in there again
        phone.signOut().open("/tickets/" + id);
        assertThat(phone.path()).startsWith("/login");
        phone.type("#username", "finance").type("#password", "demo").follow("form[action='/login'] button");
        phone.open("/tickets/" + id);
        assertThat(phone.find(reply).getDomProperty("value")).isEqualTo(typedReply);
        assertThat(phone.find(comment).getDomProperty("value")).isEqualTo("已电话联系企业");
        assertThat(phone.find("#action-reply").getDomProperty("open")).isEqualTo("true");
        assertThat(drafts()).hasSize(2);

        // timed out again, and dispatch, who may comment on it too, signs in in that tab: nothing of finance's
        phone.signOut().open("/tickets/" + id);
        assertThat(phone.path()).startsWith("/login");
        phone.signInAs("dispatch");
        assertThat(drafts()).isEmpty();
        phone.open("/tickets/" + id);
        assertThat(phone.find("#action-comment").getDomProperty("open")).isEqualTo("false");
        assertThat(phone.find(comment).getDomProperty("value")).isEmpty();
        phone.noPolicyViolations();
    }

    /**
     * Dispatch arbitrating a return chooses the new lead and co-departments, then the page reloads unsent (another form
     * sent, a refresh): the lead and the 协办部门 ticks come back as left, over the co-departments the returned ticket's
     * form ticks first, and the lead's own box stays unticked and greyed out. Sending the form drops them.
     */
    @Test
    void theLeadAndCoDepartmentsChosenBeforeAReloadAreThereAfterIt() {
        String id = api.ticket("OTHER").get("id").asText();
        api.act(id, "assign", "dispatch", Map.of("leadDepartment", "COMMERCE", "coDepartments", List.of("FINANCE")));
        api.act(id, "return", "commerce", Map.of("reason", "不属本部门职责"));
        String assign = "form[data-action=assign] ";

        phone.signInAs("dispatch").open("/tickets/" + id);
        assertThat(ticked(assign)).containsExactly("FINANCE");
        phone.find(assign + "select[name=leadDepartment] option[value=HRSS]").click();
        phone.find(assign + "input[name=coDepartments][value=FINANCE]").click();
        phone.find(assign + "input[name=coDepartments][value=CUSTOMS]").click();
        phone.find(assign + "input[name=coDepartments][value=JUSTICE]").click();
        phone.open("/tickets/" + id);

        assertThat(phone.find(assign + "select[name=leadDepartment]").getDomProperty("value")).isEqualTo("HRSS");
        assertThat(ticked(assign)).containsExactly("CUSTOMS", "JUSTICE");
        assertThat(phone.find(assign + "input[name=coDepartments][value=HRSS]").isEnabled()).isFalse();

        // the lead changed to a ticked co-department: its box is unticked, and so it is kept after the next reload
        phone.find(assign + "select[name=leadDepartment] option[value=JUSTICE]").click();
        phone.open("/tickets/" + id);
        assertThat(phone.find(assign + "select[name=leadDepartment]").getDomProperty("value")).isEqualTo("JUSTICE");
        assertThat(ticked(assign)).containsExactly("CUSTOMS");
        assertThat(phone.find(assign + "input[name=coDepartments][value=JUSTICE]").isEnabled()).isFalse();

        phone.follow(assign + "button[type=submit]");
        assertThat(phone.text("status")).isEqualTo("待签收");
        var ticket = api.get("/api/tickets/" + id, "leader").json();
        assertThat(ticket.get("leadDepartment").asText()).isEqualTo("JUSTICE");
        assertThat(ticket.get("coDepartments").toString()).isEqualTo("[\"CUSTOMS\"]");
        assertThat(drafts()).noneMatch(key -> key.endsWith("." + id + ".assign"));
        phone.noPolicyViolations();
    }

    /** The values of the 协办部门 boxes ticked in this form, in the page's order. */
    private static List<String> ticked(String form) {
        return phone.findAll(form + "input[name=coDepartments]").stream().filter(WebElement::isSelected)
                .map(box -> box.getDomAttribute("value")).toList();
    }

    /** The keys of this tab's drafts (js/ticket-drafts.js). */
    @SuppressWarnings("unchecked")
    private static List<String> drafts() {
        return (List<String>) phone.script("return Object.keys(sessionStorage).filter(function (k) {"
                + " return k.indexOf('sanfu.draft.') === 0; })");
    }
}
