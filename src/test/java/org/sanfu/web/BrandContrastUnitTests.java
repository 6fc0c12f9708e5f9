package org.sanfu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The brand (三服务, yellow on the top bar's red) is normal-sized text: WCAG AA asks 4.5:1 of it against
 * every colour the bar's gradient has under it, read from the stylesheet the pages load. The brand reaches
 * about 66 px from the bar's left edge (12 px padding, three characters of 16 px and their spacing); it is
 * checked to 80 px on the narrowest phone (320 px), where the gradient's lighter reds come closest.
 */
class BrandContrastUnitTests {

    private static final double AA = 4.5;

    @Test
    void theBrandsYellowReadsAtAaContrastOnEveryRedOfTheBarUnderIt() throws IOException {
        String css;
        try (InputStream in = getClass().getResourceAsStream("/static/css/sanfu.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String brand = match(css, "\\.bar \\.brand \\{[^}]*?(?<!-)color:\\s*(#[0-9a-fA-F]{6})");
        String bar = match(css, "\\.bar \\{[^}]*?background:\\s*linear-gradient\\(90deg,\\s*([^;]*)\\);");
        List<String[]> stops = new ArrayList<>();
        for (String stop : bar.split(",\\s*")) {
            String[] parts = stop.trim().split("\\s+");
            stops.add(new String[] {resolve(css, parts[0]), parts[1]});
        }
        for (int width : new int[] {320, 390, 1100}) {
            for (int x = 0; x <= 80; x++) {
                String under = at(stops, x, width);
                assertThat(contrast(brand, under)).as("%s on %s at %d px of a %d px bar", brand, under, x, width)
                        .isGreaterThanOrEqualTo(AA);
            }
        }
    }

    @Test
    void contrastIsComputedAsWcagDefinesIt() {
        assertThat(contrast("#ffffff", "#000000")).isCloseTo(21.0, org.assertj.core.data.Offset.offset(0.01));
        // the yellow the brand had: 4.1:1 on the bar's red, short of AA
        assertThat(contrast("#f2c94c", "#b71c1c")).isLessThan(AA);
    }

    private static String match(String css, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(css);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    /** A colour or {@code var(--name)} of :root. */
    private static String resolve(String css, String colour) {
        if (!colour.startsWith("var(")) {
            return colour;
        }
        String name = colour.substring(4, colour.length() - 1);
        return match(css, Pattern.quote(name) + ":\\s*(#[0-9a-fA-F]{6})");
    }

    /** The gradient's colour x px from the left of a bar this wide, its stops in % or px (sRGB interpolation). */
    private static String at(List<String[]> stops, double x, int width) {
        double previous = 0;
        double[] positions = new double[stops.size()];
        for (int i = 0; i < stops.size(); i++) {
            String p = stops.get(i)[1];
            double position = p.endsWith("%") ? width * Double.parseDouble(p.replace("%", "")) / 100
                    : Double.parseDouble(p.replace("px", ""));
            positions[i] = previous = Math.max(previous, position); // as CSS clamps a stop to the one before it
        }
        for (int i = 1; i < stops.size(); i++) {
            if (x <= positions[i]) {
                double span = positions[i] - positions[i - 1];
                double t = span == 0 ? 1 : (x - positions[i - 1]) / span;
                int[] a = rgb(stops.get(i - 1)[0]);
                int[] b = rgb(stops.get(i)[0]);
                return String.format("#%02x%02x%02x", Math.round(a[0] + (b[0] - a[0]) * t),
                        Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t));
            }
        }
        return stops.get(stops.size() - 1)[0];
    }

    private static int[] rgb(String hex) {
        return new int[] {Integer.parseInt(hex.substring(1, 3), 16), Integer.parseInt(hex.substring(3, 5), 16),
            Integer.parseInt(hex.substring(5, 7), 16)};
    }

    /** WCAG 2's contrast ratio of two sRGB colours. */
    static double contrast(String one, String other) {
        double a = luminance(one);
        double b = luminance(other);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double luminance(String hex) {
        int[] c = rgb(hex);
        double[] linear = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = c[i] / 255.0;
            linear[i] = s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    }
}
