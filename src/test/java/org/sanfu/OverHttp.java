package org.sanfu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** For the stories: calls the service over real HTTP on its random port as a demo user. */
abstract class OverHttp {

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    record Answer(int status, JsonNode body) {}

    Answer call(String method, String path, String user, Object body) {
        RestClient.RequestBodySpec request = RestClient.create("http://127.0.0.1:" + port)
                .method(HttpMethod.valueOf(method)).uri(path)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .accept(MediaType.APPLICATION_JSON);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((req, res) -> {
            String text = new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(res.getStatusCode().value(), text.isEmpty() ? null : json.readTree(text));
        });
    }
}
