package org.sanfu.ticket.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sanfu.ticket.Photographs;

/**
 * A thumbnail is drawn as a viewer shows the picture ({@link Thumbnails}): turned and mirrored by its EXIF Orientation
 * (a JPEG's APP1 Exif, a PNG's eXIf), its width and height swapped by a quarter turn, within {@link Thumbnails#SIDE}
 * after turning; as its pixels lie when it has no Orientation or one that cannot be read.
 */
class ThumbnailsUnitTests {

    /**
     * Where each Orientation shows the stored top-left corner, as {right, bottom}: TIFF 6.0's tag 274 (1 as stored, 2
     * mirrored, 3 half a turn, 4 mirrored top to bottom, 5 transposed, 6 a quarter clockwise, 7 transversed, 8 a
     * quarter anticlockwise).
     */
    private static final boolean[][] SHOWN_AT = {null, {false, false}, {true, false}, {true, true}, {false, true},
            {false, false}, {true, false}, {true, true}, {false, true}};

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "png"})
    void aPicturesThumbnailIsTurnedAndMirroredAsAViewerShowsIt(String format) {
        for (int orientation = 1; orientation <= 8; orientation++) {
            BufferedImage thumbnail = thumbnail(Photographs.oriented(Photographs.marked(40, 20), format, orientation),
                    format);
            String as = format + ", Orientation " + orientation;
            // 40 × 20 pixels: a quarter turn (5 to 8) shows them 20 wide, 40 tall
            int[] size = orientation >= 5 ? new int[] {20, 40} : new int[] {40, 20};
            assertThat(new int[] {thumbnail.getWidth(), thumbnail.getHeight()}).as(as).containsExactly(size);
            Photographs.assertMarkedAt(thumbnail, SHOWN_AT[orientation][0], SHOWN_AT[orientation][1], as);
        }
    }

    /** A phone's 400 × 200 photograph turned a quarter is 96 × 192: its longer side, now its height, within 192. */
    @Test
    void aTurnedPhotographsLongerSideStaysWithinTheThumbnailsSide() {
        BufferedImage turned = thumbnail(Photographs.oriented(Photographs.marked(400, 200), "jpeg", 6), "jpeg");
        assertThat(new int[] {turned.getWidth(), turned.getHeight()}).containsExactly(96, 192);
        Photographs.assertMarkedAt(turned, true, false, "Orientation 6, scaled");
        BufferedImage halfTurn = thumbnail(Photographs.oriented(Photographs.marked(200, 400), "png", 3), "png");
        assertThat(new int[] {halfTurn.getWidth(), halfTurn.getHeight()}).containsExactly(96, 192);
        Photographs.assertMarkedAt(halfTurn, true, true, "Orientation 3, scaled");
    }

    /** No Orientation, or one that cannot be read (9, not one of EXIF's), is 1: the pixels as they lie. */
    @Test
    void aPictureWithoutAnOrientationOrWithOneThatCannotBeReadIsShownAsItsPixelsLie() {
        BufferedImage plain = thumbnail(Photographs.encoded(Photographs.marked(40, 20), "jpeg"), "jpeg");
        BufferedImage unreadable = thumbnail(Photographs.oriented(Photographs.marked(40, 20), "png", 9), "png");
        for (BufferedImage thumbnail : new BufferedImage[] {plain, unreadable}) {
            assertThat(new int[] {thumbnail.getWidth(), thumbnail.getHeight()}).containsExactly(40, 20);
            Photographs.assertMarkedAt(thumbnail, false, false, "as stored");
        }
    }

    private static BufferedImage thumbnail(byte[] picture, String format) {
        return Photographs.decoded(Thumbnails.of(picture, "image/" + format).orElseThrow());
    }
}
