package ai.activation.plot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the graphs served by {@code GET /activate/{function}/plot}.
 *
 * @param from the left end of the x range when the {@code from} query parameter is
 * omitted; defaults to -6
 * @param to the right end of the x range when the {@code to} query parameter is omitted;
 * defaults to 6
 * @param bound the largest magnitude that {@code from} and {@code to} may have, so that
 * the samples stay distinct doubles and the tick labels stay readable; defaults to 1e6
 * @param maxSpan the widest x range, {@code to − from}, a caller may ask for; defaults to
 * 1e6
 * @param minSpan the narrowest x range, {@code to − from}, a caller may ask for; defaults
 * to 1e-6, where 401 samples near the bound are still distinct doubles
 * @param samples the number of evenly spaced x values at which the function is computed,
 * both ends included; defaults to 401, which draws every kink of the catalog's piecewise
 * functions within a pixel at the default size
 * @param width the width of the image in pixels; defaults to 640
 * @param height the height of the image in pixels; defaults to 400
 */
@ConfigurationProperties("activation.plot")
record PlotProperties(@DefaultValue("-6") double from, @DefaultValue("6") double to, @DefaultValue("1e6") double bound,
		@DefaultValue("1e6") double maxSpan, @DefaultValue("1e-6") double minSpan, @DefaultValue("401") int samples,
		@DefaultValue("640") int width, @DefaultValue("400") int height) {
}
