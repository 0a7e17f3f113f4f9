package io.perfweave.agent.boot;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's internals (configuration, weaving, reporting and the relocated libraries) from
 * the {@value #INTERNAL_DIR} folder of the agent jar, where they are stored as {@code .classdata}
 * so that no application class loader can load them.
 *
 * <p>Its parent is the platform class loader: the agent sees the JDK and the probe runtime (which
 * is on the bootstrap class path) and nothing of the application. Closing this loader and dropping
 * every reference to it lets the internals be unloaded.
 */
public final class AgentClassLoader extends ClassLoader implements AutoCloseable {

    public static final String INTERNAL_DIR = "perfweave-internal/";
    private static final String CLASS_SUFFIX = ".class";
    private static final String CLASS_DATA_SUFFIX = ".classdata";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain protectionDomain;

    public AgentClassLoader(File agentJar, ClassLoader parent) throws IOException {
        super("perfweave", parent);
        this.jar = new JarFile(agentJar, false);
        URL location = agentJar.toURI().toURL();
        this.jarUrl = location.toExternalForm();
        this.protectionDomain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(INTERNAL_DIR + name.replace('.', '/') + CLASS_DATA_SUFFIX);
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name + " (cannot read agent jar)", e);
        }
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, protectionDomain);
    }

    private void definePackageOf(String className) {
        int lastDot = className.lastIndexOf('.');
        if (lastDot > 0) {
            String packageName = className.substring(0, lastDot);
            if (getDefinedPackage(packageName) == null) {
                try {
                    definePackage(packageName, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException definedConcurrently) {
                    // another thread defined it first: nothing to do
                }
            }
        }
    }

    /** Class files are served under their usual names so that Byte Buddy can read the advice classes. */
    @Override
    protected URL findResource(String name) {
        String entryName = INTERNAL_DIR + (name.endsWith(CLASS_SUFFIX)
                ? name.substring(0, name.length() - CLASS_SUFFIX.length()) + CLASS_DATA_SUFFIX
                : name);
        if (jar.getJarEntry(entryName) == null) {
            return null;
        }
        try {
            return new URL("jar:" + jarUrl + "!/" + entryName);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }

    @Override
    public void close() throws IOException {
        jar.close();
    }
}
