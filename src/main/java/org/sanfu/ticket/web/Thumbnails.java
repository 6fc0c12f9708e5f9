package org.sanfu.ticket.web;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.sanfu.ticket.AttachmentTypes;
import org.sanfu.ticket.PictureMetadata;

/**
 * A picture's thumbnail (the ticket page's 附件), made with the JDK's own javax.imageio: at most {@link #SIDE} px on its
 * longer side, its aspect kept, in the picture's own type (a JPEG's is a JPEG, a PNG's a PNG, transparency kept), so
 * that the name it is shown with stays true. A picture smaller than that is drawn again at its own size, never
 * enlarged.
 *
 * <p>The pictures are anyone's uploads: only the reader of the kept type is used; the dimensions are read from the
 * header first, and a picture over {@link #MAX_PIXELS} or {@link #MAX_SIDE}, or whose header cannot be read, has no thumbnail; the decoding
 * skips rows and columns ({@link ImageReadParam#setSourceSubsampling}) so that only about twice the thumbnail is ever
 * held in memory, whatever the photograph's size; any fault while decoding means no thumbnail, never an error.
 *
 * <p>It is drawn upright as a viewer shows the picture: a phone stores an upright photograph's pixels on their side
 * and an EXIF Orientation (1 to 8) that turns or mirrors them, which the browser applies to the full view (CSS's
 * {@code image-orientation: from-image}, its default); the thumbnail is turned alike ({@link #upright}) by the
 * Orientation {@link PictureMetadata#orientation(AttachmentTypes, byte[])} reads from a JPEG's APP1 Exif or a PNG's
 * {@code eXIf}, none or one that cannot be read being 1 (as the pixels lie). Its bounds hold after turning: its longer
 * side, turned or not, is at most {@link #SIDE}.
 */
final class Thumbnails {

    /** The longest side of a thumbnail, in px: twice the page's 96 px, sharp on a phone's screen. */
    static final int SIDE = 192;
    /**
     * What follows the file's sha256 in a thumbnail's ETag: names the recipe, so that a new one is fetched anew ("-u":
     * turned upright; a browser holding one drawn as the pixels lie, "-t192", gets the new one, not a 304).
     */
    static final String ETAG_VARIANT = "-t" + SIDE + "-u";
    /** The largest picture made into a thumbnail, in pixels (width × height, as its header says). */
    static final long MAX_PIXELS = 30_000_000L;
    /**
     * The longest side made into a thumbnail, in px: the JDK's PNG reader holds whole rows whatever the subsampling, so
     * a picture of few pixels but one very long side (50,000,000 × 1, a few hundred KB of zeros) would still fill the
     * heap. Photographs are far below it.
     */
    static final int MAX_SIDE = 16_384;
    /**
     * At most two pictures decoded at once (a JPEG's decoder holds native memory beside the heap); a request that waits
     * longer than {@link #WAIT_SECONDS} for its turn has no thumbnail this time (its {@code <img>} shows its name).
     */
    private static final Semaphore DECODING = new Semaphore(2);
    private static final long WAIT_SECONDS = 10;

    private Thumbnails() {
    }

    /** The thumbnail of a picture kept in this type (image/jpeg, image/png), or none when it cannot be made. */
    static Optional<byte[]> of(byte[] content, String contentType) {
        try {
            if (!DECODING.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            return decoded(content, contentType);
        } finally {
            DECODING.release();
        }
    }

    private static Optional<byte[]> decoded(byte[] content, String contentType) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(contentType);
        if (!readers.hasNext()) {
            return Optional.empty();
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS || Math.max(width, height) > MAX_SIDE) {
                return Optional.empty();
            }
            ImageReadParam param = reader.getDefaultReadParam();
            // every n-th pixel of every n-th row: at least twice the thumbnail's side left, for a smooth scaling after
            int step = Math.max(1, Math.max(width, height) / (2 * SIDE));
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage decoded = reader.read(0, param);
            boolean png = contentType.equals("image/png");
            int orientation = PictureMetadata.orientation(png ? AttachmentTypes.PNG : AttachmentTypes.JPEG, content);
            return Optional.of(encoded(scaled(decoded, width, height, orientation,
                    png && decoded.getColorModel().hasAlpha()), png ? "png" : "jpeg"));
        } catch (IOException | RuntimeException e) {
            // a corrupt or truncated file, a kind of JPEG the JDK does not read (CMYK): no thumbnail
            return Optional.empty();
        } finally {
            reader.dispose();
        }
    }

    /**
     * The picture drawn at most {@link #SIDE} on its longer side, the original's aspect kept, and turned as its
     * orientation says (a quarter turn swaps its width and height; its longer side stays the same).
     */
    private static BufferedImage scaled(BufferedImage decoded, int width, int height, int orientation,
            boolean alpha) {
        double factor = Math.min(1.0, (double) SIDE / Math.max(width, height));
        int w = Math.max(1, (int) Math.round(width * factor));
        int h = Math.max(1, (int) Math.round(height * factor));
        boolean quarterTurn = orientation >= 5;
        BufferedImage thumbnail = new BufferedImage(quarterTurn ? h : w, quarterTurn ? w : h,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumbnail.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.transform(upright(orientation, w, h));
            g.drawImage(decoded, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return thumbnail;
    }

    /**
     * Where a point of the stored w × h picture is shown, by EXIF's Orientation (TIFF 6.0's tag 274: where the stored
     * 0th row and 0th column are shown): 2 mirrored left to right, 3 turned half round, 4 mirrored top to bottom, 5
     * mirrored across its diagonal (transposed), 6 turned a quarter clockwise, 7 across its other diagonal, 8 a quarter
     * anticlockwise; 1, or anything else, as it lies.
     */
    static AffineTransform upright(int orientation, int w, int h) {
        // AffineTransform(m00, m10, m01, m11, m02, m12): shown x = m00·x + m01·y + m02, shown y = m10·x + m11·y + m12
        return switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
    }

    private static byte[] encoded(BufferedImage thumbnail, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(thumbnail, format, stream)) {
                throw new IOException("no writer for " + format);
            }
        }
        return out.toByteArray();
    }
}
