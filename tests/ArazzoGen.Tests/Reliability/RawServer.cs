using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ArazzoGen.Tests.Reliability;

/// <summary>
/// A TCP server on 127.0.0.1 that answers each request with bytes a test writes itself, for responses Kestrel will
/// not send: a Content-Length that lies, a connection closed before the headers, an HTTP/1.0 answer. It reads each
/// request's head (and a body of the length it declares), records it, writes the answer and closes the connection.
/// </summary>
internal sealed class RawServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, byte[]> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requests = new();
    private readonly Task _accepting;

    private RawServer(Func<int, byte[]> answer)
    {
        _answer = answer;
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseAddress = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/");
        _accepting = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>The request lines received so far, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Answers request number <c>n</c> (from 0) with the bytes <paramref name="answer"/> gives.</summary>
    public static RawServer Start(Func<int, byte[]> answer) => new(answer);

    /// <summary>Answers every request with <paramref name="response"/>, written as ASCII.</summary>
    public static RawServer Always(string response) => new(_ => Encoding.ASCII.GetBytes(response));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                int index;
                lock (_requests)
                {
                    index = _requests.Count;
                    _requests.Add(head.Split("\r\n")[0]);
                }

                var answer = _answer(index);
                await stream.WriteAsync(answer, _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is System.IO.IOException or OperationCanceledException or SocketException)
            {
                // The client went away.
            }
        }
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(bytes))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                break;
            }

            bytes.Add(one[0]);
        }

        var head = Encoding.ASCII.GetString(bytes.ToArray());
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture, out var length))
            {
                var body = new byte[length];
                await stream.ReadExactlyAsync(body, _stop.Token);
            }
        }

        return head;
    }

    private static bool EndsWithBlankLine(List<byte> bytes)
        => bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';
}
