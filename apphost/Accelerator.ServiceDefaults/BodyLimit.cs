using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// Bodies of at most 1 MiB. Kestrel's own limit refuses a larger body by dropping the connection once it has answered,
/// while a client such as HttpClient is still sending and never reads the 413. So a refused body is drained after the
/// answer (a lingering close) up to <see cref="DrainBytes"/>: the limit is checked up front when the length is
/// announced, and while reading when the body comes chunked.
/// </summary>
public static class BodyLimit
{
    public const long MaxBytes = 1024 * 1024;
    public const long DrainBytes = 8 * MaxBytes;

    /// <summary>True when the announced length is over the limit: answer 413 without reading the body.</summary>
    public static bool RefuseAnnounced(HttpContext context)
    {
        if (context.Request.ContentLength is not { } length || length <= MaxBytes)
            return false;
        if (length <= DrainBytes)
            AllowKestrelToRead(context, DrainBytes);
        else
            context.Response.Headers.Connection = "close";
        return true;
    }

    /// <summary>A chunked body is counted as it is read: past the limit, reading it throws a 413.</summary>
    public static void LimitChunked(HttpContext context)
    {
        if (context.Request.ContentLength is not null || context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
            return;
        AllowKestrelToRead(context, DrainBytes);
        context.Request.Body = new LimitedStream(context.Request.Body);
    }

    private static void AllowKestrelToRead(HttpContext context, long bytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = bytes;
    }

    private sealed class LimitedStream(Stream inner) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        private int Count(int bytes)
        {
            read += bytes;
            return read <= MaxBytes ? bytes : throw new BadHttpRequestException(
                $"The request body is over {MaxBytes} bytes (1 MiB), the most accepted.", StatusCodes.Status413PayloadTooLarge);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
