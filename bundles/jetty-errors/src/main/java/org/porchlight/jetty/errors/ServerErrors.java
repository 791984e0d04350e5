package org.porchlight.jetty.errors;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.rest.JsonCodec;

/**
 * Puts {@link ProblemErrorHandler} on the web server. Felix HTTP offers no setting for Jetty's
 * error handler; a {@link ConnectorFactory} is the one extension it hands its {@link Server} to
 * (each time it starts one), so this component is one. The connector it returns only takes
 * itself out of the server again when started: it opens no port and runs no thread, and Felix,
 * which publishes an endpoint for every connector and fails on any that is not a network
 * connector, never sees it among the server's connectors.
 */
@Component(service = ConnectorFactory.class)
public class ServerErrors implements ConnectorFactory {

    private final JsonCodec json;
    private Server server;
    private Request.Handler replaced;

    @Activate
    public ServerErrors(@Reference JsonCodec json) {
        this.json = json;
    }

    @Override
    public synchronized Connector createConnector(Server server) {
        this.server = server;
        this.replaced = server.getErrorHandler();
        server.setErrorHandler(new ProblemErrorHandler(json));
        return new Withdrawn(server);
    }

    /** Jetty's own handler comes back with this bundle's leaving (it needs the JSON codec, which may be going). */
    @Deactivate
    synchronized void restore() {
        if (server != null && server.getErrorHandler() instanceof ProblemErrorHandler) {
            server.setErrorHandler(replaced != null ? replaced : new ErrorHandler());
        }
        server = null;
    }

    /** A connector that leaves the server as soon as it is started. */
    private static final class Withdrawn extends LocalConnector {

        Withdrawn(Server server) {
            super(server);
        }

        @Override
        protected void doStart() {
            getServer().removeConnector(this);
        }

        @Override
        protected void doStop() {
            // never started anything
        }
    }
}
