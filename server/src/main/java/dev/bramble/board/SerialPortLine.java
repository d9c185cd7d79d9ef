package dev.bramble.board;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import dev.bramble.errors.UserError;

import java.nio.file.Files;
import java.nio.file.Path;

/** A serial port through jSerialComm: 8N1, no flow control, at the given baud. */
public final class SerialPortLine implements SerialLine {
    private final SerialPort port;
    private final String name;

    private SerialPortLine(SerialPort port, String name) {
        this.port = port;
        this.name = name;
    }

    public static SerialPortLine open(String device, int baud) throws UserError {
        if (device.startsWith("/") && !Files.exists(Path.of(device))) {
            throw new UserError("serial port " + device + " does not exist; plug the board in, or list the ports"
                    + " (Linux: ls /dev/ttyUSB* /dev/ttyACM*)");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(device);
        } catch (SerialPortInvalidPortException | UnsatisfiedLinkError e) {
            throw new UserError("serial port " + device + " cannot be used: " + e.getMessage());
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort()) {
            int code = port.getLastErrorCode();
            throw new UserError("serial port " + device + " cannot be opened (error " + code + "): " + (code == 13
                    ? "permission denied; add yourself to the 'dialout' group"
                    : "it is busy — another program (or another bramble talk) has it open; close that first"));
        }
        return new SerialPortLine(port, device);
    }

    @Override
    public void write(byte[] bytes) throws UserError {
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) throw new UserError("serial port " + name + ": write failed (" + n + " of " + bytes.length + " bytes)");
    }

    @Override
    public int read(int timeoutMillis) throws UserError {
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, Math.max(1, timeoutMillis), 0);
        byte[] one = new byte[1];
        int n = port.readBytes(one, 1);
        if (n < 0) throw new UserError("serial port " + name + ": read failed (the port went away?)");
        return n == 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
