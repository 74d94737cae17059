package io.volsurf.greeks.ql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the native-image configuration of the QuantLib binding honest (no GraalVM here, so this is
 * the only check it gets before someone builds a binary): every class it names exists with the
 * constructor it names, every Java exception the SWIG wrapper can throw from C++ is registered, the
 * resource pattern covers the library NativeLibrary loads, and the binding is initialised at run time.
 */
class NativeImageConfigTest {

    private static final String DIR = "META-INF/native-image/io.volsurf/greeks/";
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PATTERN = Pattern.compile("\"pattern\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void everyRegisteredClassExistsWithItsStringConstructor() throws Exception {
        for (String file : List.of("jni-config.json", "reflect-config.json")) {
            List<String> classes = classNames(read(file));
            assertFalse(classes.isEmpty(), file + " registers no class");
            for (String name : classes) {
                Class<?> type;
                try {
                    type = Class.forName(name);
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(file + " names " + name + ", which does not exist", e);
                }
                assertTrue(Throwable.class.isAssignableFrom(type), file + ": " + name + " is not a Throwable");
                assertNotNull(type.getDeclaredConstructor(String.class), name + "(String)");
            }
        }
    }

    @Test
    void jniAndReflectionRegisterTheSameExceptions() throws IOException {
        // ThrowNew looks the class up through JNI and builds it through reflection: both must list it.
        assertEquals(new TreeSet<>(classNames(read("jni-config.json"))),
                new TreeSet<>(classNames(read("reflect-config.json"))));
    }

    @Test
    void everyExceptionTheWrapperThrowsIsRegisteredForJni() throws IOException {
        Path wrapper = Path.of("target/swig-cxx/volsurfql_wrap.cxx");
        assumeTrue(Files.isRegularFile(wrapper),
                "SWIG wrapper not generated in this build: skipping the upcall check");
        String cxx = Files.readString(wrapper, StandardCharsets.UTF_8);
        // A director would make C++ call Java methods by name: those need jni-config entries too.
        assertFalse(cxx.contains("#define SWIG_DIRECTORS"),
                "the binding now uses SWIG directors: register their Java upcall methods in jni-config.json");
        Set<String> thrown = new TreeSet<>();
        Matcher m = Pattern.compile("\"(java/[a-z]+/[A-Za-z]+)\"").matcher(cxx);
        while (m.find()) {
            thrown.add(m.group(1).replace('/', '.'));
        }
        assertTrue(thrown.contains("java.lang.RuntimeException"), "no SWIG exception table found in " + wrapper);
        Set<String> registered = new TreeSet<>(classNames(read("jni-config.json")));
        thrown.removeAll(registered);
        assertTrue(thrown.isEmpty(), "the SWIG wrapper can throw " + thrown + " but jni-config.json lacks them");
        // FindClass with any other class name would also need registering.
        Matcher find = Pattern.compile("FindClass\\(\\s*\"([^\"]+)\"").matcher(cxx);
        while (find.find()) {
            assertTrue(registered.contains(find.group(1).replace('/', '.')), "FindClass(" + find.group(1) + ")");
        }
    }

    @Test
    void resourceConfigCoversTheLibraryNativeLibraryLoads() throws IOException {
        String resource = NativeLibrary.RESOURCE.substring(1); // native-image patterns have no leading slash
        List<String> patterns = new ArrayList<>();
        Matcher m = PATTERN.matcher(read("resource-config.json"));
        while (m.find()) {
            patterns.add(m.group(1).replace("\\\\", "\\"));
        }
        assertFalse(patterns.isEmpty(), "resource-config.json has no pattern");
        assertTrue(patterns.stream().anyMatch(p -> Pattern.compile(p).matcher(resource).matches()),
                "no resource pattern in " + patterns + " matches " + resource);
        try (InputStream in = NativeLibrary.class.getResourceAsStream(NativeLibrary.RESOURCE)) {
            assertNotNull(in, NativeLibrary.RESOURCE + " is not on the classpath: the pattern covers nothing");
        }
    }

    @Test
    void theBindingIsInitialisedAtRunTime() throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(read("native-image.properties")));
        String args = props.getProperty("Args", "");
        Matcher m = Pattern.compile("--initialize-at-run-time=(\\S+)").matcher(args);
        List<String> runTime = new ArrayList<>();
        while (m.find()) {
            runTime.addAll(List.of(m.group(1).split(",")));
        }
        // Both classes whose static initialisers load libvolsurfql.so.
        for (Class<?> loader : List.of(NativeLibrary.class, VolsurfQLJNI.class)) {
            assertTrue(runTime.stream().anyMatch(p -> loader.getName().equals(p)
                    || loader.getPackageName().equals(p)), loader.getName() + " is not initialised at run time: " + args);
        }
    }

    private static List<String> classNames(String json) {
        List<String> names = new ArrayList<>();
        Matcher m = NAME.matcher(json);
        while (m.find()) {
            if (!m.group(1).startsWith("<")) { // "<init>" is a method entry, not a class
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static String read(String file) throws IOException {
        try (InputStream in = NativeImageConfigTest.class.getClassLoader().getResourceAsStream(DIR + file)) {
            if (in == null) {
                fail(DIR + file + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
