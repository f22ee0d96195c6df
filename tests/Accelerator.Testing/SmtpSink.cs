using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Accelerator.Testing;

/// <summary>
/// A real SMTP server on loopback that keeps every message it is given, for the tests and the bench. Each client has
/// its own session, side by side, and a session carries any number of messages: the way production relays behave, and
/// what Notifications' kept connections need (netDumbster serves one session at a time, so one kept connection would
/// stall every other).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<ReceivedMessage> received = new();
    private readonly ConcurrentDictionary<Socket, byte> sessions = new();
    private readonly Task accepting;
    private int connections;

    private SmtpSink()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    public static SmtpSink Start() => new();

    public int Port { get; }

    /// <summary>Every message taken so far, in the order they were taken.</summary>
    public IReadOnlyList<ReceivedMessage> ReceivedEmail => [.. received];

    public int ReceivedEmailCount => received.Count;

    /// <summary>How many clients have connected so far.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Closes every open session from the server's side, as a relay that restarts or drops idle clients does.</summary>
    public void DropSessions()
    {
        foreach (var socket in sessions.Keys)
        {
            try { socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
            socket.Close();
        }
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref connections);
            sessions[socket] = 0;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost accelerator test SMTP sink");
            string? from = null;
            var to = new List<string>();
            while (await reader.ReadLineAsync(stopping.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO":
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "MAIL":
                        from = line[(line.IndexOf(':') + 1)..].Trim();
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(line[(line.IndexOf(':') + 1)..].Trim().Trim('<', '>'));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA" when from is not null && to.Count > 0:
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(stopping.Token) is { } dataLine && dataLine != ".")
                            data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                        received.Enqueue(new ReceivedMessage(from, [.. to], data.ToString()));
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("503 Bad sequence of commands");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, or the sink is stopping.
        }
        finally
        {
            sessions.TryRemove(socket, out _);
        }
    }

    public void Stop()
    {
        stopping.Cancel();
        listener.Stop();
        DropSessions();
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await accepting;
        stopping.Dispose();
    }
}

/// <summary>A message as the sink took it: the envelope and the raw message (headers and body).</summary>
public sealed record ReceivedMessage(string From, IReadOnlyList<string> To, string Data);
