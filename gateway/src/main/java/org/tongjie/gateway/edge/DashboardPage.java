package org.tongjie.gateway.edge;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The operations dashboard is a static page under {@code /dashboard/}; the bare path leads there. */
@ApplicationScoped
public class DashboardPage {

    public static final String PATH = "/dashboard/";

    void install(@Observes Router router) {
        router.route("/dashboard").order(-150).handler(ctx -> {
            if (ctx.request().path().equals("/dashboard")) {
                ctx.redirect(PATH);
            } else {
                ctx.next();
            }
        });
    }
}
