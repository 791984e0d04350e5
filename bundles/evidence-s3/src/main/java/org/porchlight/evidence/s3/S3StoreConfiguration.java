package org.porchlight.evidence.s3;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@code org.porchlight.evidence.s3}, from {@code etc/org.porchlight.evidence.s3.cfg}. Without
 * that file the store does not run; with it, set {@code store = s3} in the evidence bundle's
 * configuration to send new files here.
 */
@ObjectClassDefinition(name = "Porchlight evidence in S3-compatible object storage")
public @interface S3StoreConfiguration {

    String PID = "org.porchlight.evidence.s3";

    @AttributeDefinition(required = false, description = "The S3 endpoint, e.g. https://minio.example:9000; empty: AWS S3 "
            + "of the region")
    String endpoint() default "";

    @AttributeDefinition(description = "The region the bucket is in (signing needs one; MinIO, Ceph and Garage take any, "
            + "usually us-east-1 or garage)")
    String region() default "us-east-1";

    @AttributeDefinition(description = "The bucket; it must exist")
    String bucket();

    @AttributeDefinition(required = false, description = "Prepended to each object's key (the evidence item's id)")
    String prefix() default "evidence/";

    @AttributeDefinition(description = "Path-style URLs (endpoint/bucket/key), as MinIO, Ceph and Garage usually need; "
            + "false: virtual-hosted (bucket.endpoint/key), as AWS prefers")
    boolean pathStyle() default false;

    @AttributeDefinition(description = "The access key id")
    String accessKeyId();

    @AttributeDefinition(required = false, description = "File holding the secret access key (read at start), if not "
            + "secretVariable")
    String secretFile() default "";

    @AttributeDefinition(required = false, description = "Environment variable holding the secret access key, if not secretFile")
    String secretVariable() default "";

    @AttributeDefinition(min = "5", max = "512", description = "Size of the parts of a multipart upload in MiB (5 to 512); "
            + "an upload holds one part in memory")
    int partSizeMiB() default 8;

    @AttributeDefinition(description = "Send If-None-Match: * with each write, so that the server itself refuses to replace "
            + "an object; false for servers that do not support conditional writes")
    boolean conditionalWrites() default true;

    @AttributeDefinition(description = "Send a CRC checksum with every upload, which the server checks before it keeps "
            + "the data; false for servers that refuse them")
    boolean checksums() default true;

    @AttributeDefinition(min = "1", description = "Seconds to wait for a connection, and for each read from it")
    int timeoutSeconds() default 30;
}
