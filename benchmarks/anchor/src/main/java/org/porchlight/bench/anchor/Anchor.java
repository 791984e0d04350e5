package org.porchlight.bench.anchor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

/**
 * Plain Jersey on Jetty 12, the yardstick that docs/bench/side-by-side.sh measures the distribution
 * against: Jersey as a servlet under {@code /api} (as the REST whiteboard runs it), Jackson's
 * provider, Hibernate Validator through jersey-bean-validation, and nothing else: no access log, no
 * filters.
 *
 * <pre>java -jar benchmarks/anchor/target/anchor.jar [port]</pre>
 */
public final class Anchor {

    /** The 19-byte record both servers answer on {@code GET /api/bench/hello}. */
    public record Hello(String message) {
    }

    /** The same resource as the benchmark module's, one instance for all requests as there. */
    @Path("")
    public static final class Resources {
        private static final Hello HELLO = new Hello("hello");

        @GET
        @Path("bench/hello")
        @Produces(MediaType.APPLICATION_JSON)
        public Hello hello() {
            return HELLO;
        }

        @GET
        @Path("health")
        @Produces(MediaType.APPLICATION_JSON)
        public Hello health() {
            return new Hello("up");
        }
    }

    private Anchor() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18100;
        ResourceConfig application = new ResourceConfig().register(new Resources()).register(JacksonJsonProvider.class);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/api");
        context.addServlet(new ServletHolder(new ServletContainer(application)), "/*");
        server.setHandler(context);
        server.start();
        server.join();
    }
}
