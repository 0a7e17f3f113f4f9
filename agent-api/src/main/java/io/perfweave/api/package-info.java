/**
 * The Perfweave API: the only Perfweave classes an application compiles against. No dependencies;
 * everything here is inert when the agent is not attached.
 */
package io.perfweave.api;
