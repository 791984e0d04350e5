package org.porchlight.api.registry;

/** Kinds of camera. */
public enum CameraKind {
    DOORBELL, FLOODLIGHT, WALL, OTHER
}
