package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.sanfu.SanfuTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ticket page's 附件 form as a browser sends it to the running server (MockMvc does not apply Tomcat's multipart
 * limits): a file part's header names the file, in UTF-8 and, as some browsers do, again percent-encoded.
 */
@SanfuTest
class AttachmentFormOverHttpTests extends TicketWebTestSupport {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFileWhoseChineseNameIsAsLongAsTheServiceTakesIsAddedAndALongerOneIsRefusedByItsName() throws Exception {
        String id = id(api.ticket("FINANCING"));
        String session = signIn("staff1");
        // 196 characters and ".pdf": the 200 the service takes; its part's header is about 2.4 KB
        String longest = "关于台州方联宝进出口有限公司反映问题的答复函".repeat(9).substring(0, 196) + ".pdf";

        HttpResponse<String> added = attach(id, session, longest);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
        Document page = page("/tickets/" + id, session);
        assertThat(page.select("#attachments li").text()).contains(longest);

        HttpResponse<String> tooLong = attach(id, session, "长".repeat(201) + ".pdf");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(tooLong.body()).select("#attachForm [data-field=file]").text()).contains("200");
    }

    private HttpResponse<String> attach(String id, String session, String fileName) throws Exception {
        String token = page("/tickets/" + id, session).select("#attachForm input[name=_csrf]").val();
        String boundary = "----sanfu" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"; filename*=UTF-8''" + encoded + "\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(TicketAttachmentWebTests.PDF);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/tickets/" + id + "/attachments"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Cookie", session)
                .header("Origin", base()).header("Referer", base() + "/tickets/" + id)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Document page(String path, String session) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return Jsoup.parse(page.body());
    }

    private String signIn(String user) throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = Jsoup.parse(login.body()).select("input[name=_csrf]").val();
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo&_csrf="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        return signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
