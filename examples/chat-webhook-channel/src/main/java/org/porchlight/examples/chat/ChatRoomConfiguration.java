package org.porchlight.examples.chat;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One agency's chat room: factory PID {@code org.porchlight.examples.chat}, a file
 * {@code etc/org.porchlight.examples.chat-<name>.cfg} per room. {@code porchlight.channel} keeps the SDK's name because
 * DS publishes it as the channel's service property, where the outbox reads it. The webhook URL is {@code .url}: a
 * property whose name starts with a dot is private, so the room's token never shows in service properties.
 */
@ObjectClassDefinition(name = "Example: chat room for an agency's notifications",
        description = "Posts an agency's notifications to a chat room's incoming webhook (Slack- and Mattermost-compatible)")
public @interface ChatRoomConfiguration {

    String FACTORY_PID = "org.porchlight.examples.chat";

    @AttributeDefinition(name = "Channel name", description = "This room's channel name, unique on the server: 1 to 32 of "
            + "a-z 0-9 -, e.g. chat-kcpd; deliveries are kept and retried per channel")
    String porchlight_channel();

    @AttributeDefinition(name = "Agency", description = "Code of the agency whose notifications go to this room")
    String agency();

    @AttributeDefinition(name = "Webhook URL", type = AttributeType.PASSWORD, description = "The room's incoming-webhook "
            + "URL (https; plain http only to this machine); it holds the room's token")
    String _url();

    @AttributeDefinition(name = "Topics", required = false, description = "Topics this room gets: exact names, or prefixes "
            + "ending in *, e.g. emergency-request.*; none: every notification to the agency")
    String[] topics() default {};

    @AttributeDefinition(name = "Timeout", description = "Seconds to wait for the chat server, connection and answer", min = "1")
    int timeoutSeconds() default 10;
}
