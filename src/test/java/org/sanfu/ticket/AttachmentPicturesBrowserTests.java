package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.sanfu.Api;
import org.sanfu.Browser;
import org.sanfu.SanfuTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A specialist's photographs on the ticket page (附件), in Debian's headless Chromium on a phone: added through the
 * page's form, each is drawn as a small thumbnail under the page's Content-Security-Policy (its img-src 'self'), the
 * browser scaling the picture down; the thumbnail opens the picture in full under its own policy.
 */
@SanfuTest
class AttachmentPicturesBrowserTests {

    @RegisterExtension
    static final Browser phone = Browser.phone();

    @Autowired
    Api api;

    @TempDir
    Path files;

    @Test
    void aPhotographAddedOnThePageIsDrawnAsAThumbnailThatOpensItInFull() throws IOException {
        String id = api.ticket("FINANCING").get("id").asText();
        Map<String, String> formats = Map.of("site-photo.png", "png", "licence.jpg", "jpg");

        phone.signInAs("finance");
        for (Map.Entry<String, String> photo : formats.entrySet()) {
            phone.open("/tickets/" + id);
            phone.find("#attachmentFile").sendKeys(picture(photo.getKey(), photo.getValue()).toString());
            phone.follow("#attachForm button[type=submit]");
            assertThat(phone.find("#attached").getText()).contains(photo.getKey());
        }

        for (String name : formats.keySet()) {
            WebElement thumbnail = phone.find("#attachments a.thumb img[alt='" + name + "']");
            phone.script("arguments[0].scrollIntoView({block: 'center'})", thumbnail);
            // drawn: loaded (lazily) and decoded, the page's policy refusing nothing (the Browser reads the console)
            phone.await(d -> (Boolean) phone.script("return arguments[0].complete && arguments[0].naturalWidth > 0",
                    thumbnail));
            // the thumbnail made on the server, 192 px on the longer side, not the 1200 px picture
            assertThat(((Number) phone.script("return arguments[0].naturalWidth", thumbnail)).intValue()).as(name)
                    .isEqualTo(192);
            Rectangle shown = thumbnail.getRect();
            assertThat(shown.getWidth()).as(name).isLessThanOrEqualTo(96);
            assertThat(shown.getHeight()).as(name).isLessThanOrEqualTo(96);
            phone.noPolicyViolations().noSidewaysScroll();
        }

        phone.follow("#attachments a.thumb img[alt='site-photo.png']");
        assertThat(phone.path()).endsWith("/view");
        // the picture itself, as Chromium shows an image opened on its own, under the picture's policy
        assertThat(phone.script("return document.contentType")).isEqualTo("image/png");
        assertThat(phone.script("return document.images.length === 1 && document.images[0].naturalWidth"))
                .isEqualTo(1200L);
        phone.noPolicyViolations();
    }

    /** A photograph as a phone takes one, larger than the thumbnail: 1200 × 900. */
    private Path picture(String name, String format) throws IOException {
        BufferedImage image = new BufferedImage(1200, 900, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(new Color(0x1f4e8c));
        graphics.fillRect(0, 0, 1200, 900);
        graphics.dispose();
        Path file = files.resolve(name);
        assertThat(ImageIO.write(image, format, file.toFile())).as(format).isTrue();
        assertThat(Files.size(file)).isPositive();
        return file;
    }
}
