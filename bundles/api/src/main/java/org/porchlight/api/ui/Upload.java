package org.porchlight.api.ui;

import java.io.IOException;
import java.io.InputStream;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A file posted in a {@code multipart/form-data} form to a {@link Page}, as the shell spooled it.
 *
 * @since 1.1
 */
@ProviderType
public interface Upload {

    /** The file's name as the browser sent it, without any folder; never trust it as a path. */
    String fileName();

    /** The content type the browser claimed, e.g. {@code video/mp4}; check the content, not this. */
    String contentType();

    /** The size in bytes. */
    long size();

    /** The file's bytes; the caller closes the stream. */
    InputStream open() throws IOException;
}
