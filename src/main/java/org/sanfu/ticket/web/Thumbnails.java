package org.sanfu.ticket.web;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
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

/**
 * A picture's thumbnail (the ticket page's 附件), made with the JDK's own javax.imageio: at most {@link #SIDE} px on its
 * longer side, its aspect kept, in the picture's own type (a JPEG's is a JPEG, a PNG's a PNG, transparency kept), so
 * that the name it is shown with stays true. A picture smaller than that is drawn again at its own size, never
 * enlarged.
 *
 * <p>The pictures are anyone's uploads: only the reader of the kept type is used; the dimensions are read from the
 * header first, and a picture over {@link #MAX_PIXELS} or {@link #MAX_SIDE}, or whose header cannot be read, has no thumbnail; the decoding
 * skips rows and columns ({@link ImageReadParam#setSourceSubsampling}) so that only about twice the thumbnail is ever
 * held in memory, whatever the photograph's size; any fault while decoding means no thumbnail, never an error. EXIF
 * orientation is ignored: a phone's photo taken upright whose pixels lie on their side shows on its side here (the
 * full view, which the browser draws, turns it).
 */
final class Thumbnails {

    /** The longest side of a thumbnail, in px: twice the page's 96 px, sharp on a phone's screen. */
    static final int SIDE = 192;
    /** What follows the file's sha256 in a thumbnail's ETag: names the recipe, so that a new one is fetched anew. */
    static final String ETAG_VARIANT = "-t" + SIDE;
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
            return Optional.of(encoded(scaled(decoded, width, height, png && decoded.getColorModel().hasAlpha()),
                    png ? "png" : "jpeg"));
        } catch (IOException | RuntimeException e) {
            // a corrupt or truncated file, a kind of JPEG the JDK does not read (CMYK): no thumbnail
            return Optional.empty();
        } finally {
            reader.dispose();
        }
    }

    /** The picture drawn at most {@link #SIDE} on its longer side, the original's aspect kept. */
    private static BufferedImage scaled(BufferedImage decoded, int width, int height, boolean alpha) {
        double factor = Math.min(1.0, (double) SIDE / Math.max(width, height));
        int w = Math.max(1, (int) Math.round(width * factor));
        int h = Math.max(1, (int) Math.round(height * factor));
        BufferedImage thumbnail = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB
                : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumbnail.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(decoded, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return thumbnail;
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
