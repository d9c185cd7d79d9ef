package dev.bramble.device;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceCatalogTest {
    final DeviceCatalog catalog = DeviceCatalog.standard();

    String base(String written) {
        return catalog.find(written).map(Device::base).orElse(null);
    }

    @Test
    void namesMatchWithOrWithoutPackageAndSpeed() {
        assertEquals("xc7a35t", base("xc7a35t"));
        assertEquals("xc7a35t", base("xc7a35tcsg324-1"));
        assertEquals("xc7a35t", base("XC7A35T-1CPG236C"));
        assertEquals("ice40up5k", base("iCE40UP5K"));
        assertEquals("ice40up5k", base("ice40up5k-sg48"));
        assertEquals("lfe5u-25f", base("LFE5U-25F"));
        assertEquals("lfe5u-25f", base("LFE5U-25F-6BG381C"));
        assertEquals("lfe5u-85f", base("ulx3s-85f"));
        assertEquals("5CSEMA5", base("5CSEMA5F31C6"));
        assertEquals("5CSEMA5", base("de1-soc"));
        assertEquals("5CEBA4", base("5ceba4f23c7"));
        assertEquals("xc7a100t", base("xc7a100t"));
        assertEquals("xc7z020", base("pynq-z2"));
        assertEquals("xc7k325t", base("xc7k325tffg900-2"));
        assertEquals("ice40hx8k", base("iCE40HX8K-CT256"));
        assertEquals("gw1nr-9", base("tang-nano-9k"));
        assertEquals("gw1nr-9", base("GW1NR-LV9QN88PC6/I5"));
        assertEquals("xc7a35t", base("arty-a7-35"));
    }

    @Test
    void unknownPartsDoNotMatchAndGetSuggestions() {
        assertEquals(null, base("xc7a53t"));
        assertEquals(null, base("xc7a"));
        assertEquals(null, base("de2-115"));
        List<String> s = catalog.suggest("xc7a53t", 3);
        assertTrue(s.contains("xc7a35t"), s.toString());
        assertFalse(catalog.suggest("completely-unrelated", 3).isEmpty());
    }

    @Test
    void everyPartHasItsFiguresAndASource() {
        assertEquals(13, catalog.devices().size());
        for (Device d : catalog.devices()) {
            assertTrue(d.logic() > 0 && d.ffs() > 0 && d.bram() > 0, d.name());
            assertTrue(d.source().length() > 20, d.name());
            assertFalse(d.family().blockRam().shapes().isEmpty(), d.name());
        }
        Device de1 = catalog.find("de1-soc").orElseThrow();
        assertEquals(397, de1.bram());
        assertEquals(87, de1.dsp());
        assertEquals(32070, de1.logic());
        Device arty = catalog.find("arty-a7-35").orElseThrow();
        assertEquals(100, arty.bram());
        assertEquals(90, arty.dsp());
        assertEquals(4, catalog.find("icebreaker").orElseThrow().largeRam().count());
    }
}
