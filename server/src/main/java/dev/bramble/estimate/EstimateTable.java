package dev.bramble.estimate;

import dev.bramble.device.Device;

import java.util.Locale;

/** The readable form of an {@link Estimate}: one row per layer, totals, the part and percentages. */
public final class EstimateTable {
    private EstimateTable() {}

    public static String render(Estimate e) {
        Device d = e.device();
        String bramName = d.family().blockRam().name();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s on %s (%s, %s), %d lanes, %s MHz, weights %s, activations %s%n",
                e.plan().model().name(), d.name(), d.family().name(), aliasOf(d), e.plan().lanes(),
                trim(e.plan().target().clockMHz()), e.plan().model().weightFormat(), e.plan().model().activationFormat()));
        b.append(String.format(Locale.ROOT, "%-26s %8s %10s %5s %7s %5s %9s%n",
                "layer", "params", "bits", "ROMs", bramName, "DSP", "cycles"));
        for (LayerEstimate l : e.layers()) {
            b.append(String.format(Locale.ROOT, "%-26s %,8d %,10d %5d %7d %5d %9.1f%n",
                    l.name(), l.params(), l.weightBits(), l.roms(), l.bram(), l.dsp(), l.cycles()));
        }
        b.append(String.format(Locale.ROOT, "%-26s %,8d %,10d %5d %7d %5d %9.1f%n", "total",
                e.params(), e.weightBits(), e.plan().banks().size(), e.bram(), e.dsp(), e.cyclesPerToken()));
        b.append(String.format(Locale.ROOT, "%n%-14s %9s %9s %7s%n", "resource", "used", "of", "%"));
        b.append(resource(bramName, e.bram(), d.bram()));
        if (e.plan().largeRamUnits() > 0) b.append(resource(d.largeRam().name(), e.plan().largeRamUnits(), d.largeRam().count()));
        b.append(resource("DSP (" + d.family().dsp().name() + ")", e.dsp(), d.dsp()));
        b.append(resource(d.family().logicUnit() + " (model)", e.lut(), d.logic()));
        b.append(resource("FF (model)", e.ff(), d.ffs()));
        var schedule = e.plan().schedule();
        int last = Math.max(schedule.context(), 1) - 1;
        b.append(String.format(Locale.ROOT, "%ncycles/token %.1f average over %d positions (%d at position 0 ... %d at position %d)%n",
                e.cyclesPerToken(), last + 1, schedule.cyclesAt(0), schedule.cyclesAt(last), last));
        b.append(String.format(Locale.ROOT, "tokens/s     %,.0f at %s MHz%n", e.tokensPerSecond(), trim(e.plan().target().clockMHz())));
        b.append(String.format(Locale.ROOT, "DSP cells    %s%n", e.dspCells()));
        for (String note : e.notes()) b.append("note: ").append(note).append(System.lineSeparator());
        return b.toString();
    }

    private static String resource(String name, long used, long capacity) {
        return String.format(Locale.ROOT, "%-22s %,9d %,9d %6.1f%%%n", name, used, capacity, Estimate.percent(used, capacity));
    }

    private static String aliasOf(Device d) {
        return d.aliases().isEmpty() ? d.base() : d.aliases().get(0);
    }

    public static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
