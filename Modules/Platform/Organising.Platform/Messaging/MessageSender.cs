using Dapper;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Organising.Platform.Data;

namespace Organising.Platform.Messaging;

/// <summary>An e-mail to one person. MessageId, when given, makes resends recognisable as the same message.</summary>
public sealed record OutgoingMessage(string To, string? ToName, string Subject, string TextBody)
{
    public string? MessageId { get; init; }
}

public interface IMessageSender
{
    /// <summary>Sends one message and records it in platform_message.</summary>
    Task SendAsync(OutgoingMessage message, CancellationToken ct = default);

    /// <summary>
    /// A channel for many messages over one SMTP connection (or into the pickup folder). It records nothing:
    /// the caller keeps its own record (the reminders outbox). Its SendAsync throws MessageNotSentException,
    /// with <see cref="MessageNotSentException.ChannelBroken"/> when later messages cannot go either.
    /// </summary>
    Task<IMessageChannel> OpenChannelAsync(CancellationToken ct = default);
}

public interface IMessageChannel : IAsyncDisposable
{
    Task SendAsync(OutgoingMessage message, CancellationToken ct = default);
}

/// <summary>
/// Sends through SMTP when Organising:Smtp:Host is set; otherwise writes .eml files into the
/// outbox folder so a fresh install works with no configuration. Every message is logged
/// (recipient, subject, status; never the body, which may hold a sign-in link).
/// </summary>
public sealed class MessageSender(
    IOptions<OrganisingOptions> options,
    DbSession session,
    TimeProvider time,
    ILogger<MessageSender> logger) : IMessageSender
{
    private const string LogSql = """
        INSERT INTO platform_message (id, message_id, created_at, recipient, subject, transport, status, error)
        VALUES (@Id, @MessageId, @CreatedAt, @Recipient, @Subject, @Transport, @Status, @Error)
        """;

    public async Task SendAsync(OutgoingMessage message, CancellationToken ct = default)
    {
        var settings = options.Value;
        var transport = settings.Smtp.IsConfigured ? "smtp" : "pickup";
        message = message with { MessageId = message.MessageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId("organising.local") };
        await using (var channel = await OpenChannelAsync(ct))
        {
            await channel.SendAsync(message, ct);
        }
        await LogAsync(message, message.MessageId, transport, "sent", null, ct);
    }

    public async Task<IMessageChannel> OpenChannelAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        if (!settings.Smtp.IsConfigured) return new PickupChannel(settings.OutboxDirectory, settings.Smtp.From, time);
        var client = new SmtpClient { Timeout = SmtpTimeoutMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Smtp.Host!, settings.Smtp.Port,
                settings.Smtp.UseTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(settings.Smtp.UserName)) await client.AuthenticateAsync(settings.Smtp.UserName, settings.Smtp.Password ?? "", ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            client.Dispose();
            logger.LogWarning(ex, "Could not connect to the SMTP server {Host}:{Port}", settings.Smtp.Host, settings.Smtp.Port);
            throw new MessageNotSentException($"The e-mail could not be sent ({ex.Message}).", ex) { ChannelBroken = true };
        }
        return new SmtpChannel(client, settings.Smtp.From, logger);
    }

    /// <summary>A server that has not answered in this long is treated as down; the reminders' lease allows for it.</summary>
    public const int SmtpTimeoutMilliseconds = 30_000;

    public static MimeMessage Build(OutgoingMessage message, string from)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.To));
        mime.Subject = message.Subject;
        mime.MessageId = message.MessageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId("organising.local");
        mime.Body = new TextPart("plain") { Text = message.TextBody };
        return mime;
    }

    private sealed class SmtpChannel(SmtpClient client, string from, ILogger logger) : IMessageChannel
    {
        public async Task SendAsync(OutgoingMessage message, CancellationToken ct = default)
        {
            try
            {
                await client.SendAsync(Build(message, from), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A refused recipient or message leaves the connection usable; anything else (a dropped
                // connection, a timeout, a protocol error) means the next message would fail too.
                var broken = !(ex is SmtpCommandException command && command.ErrorCode != SmtpErrorCode.UnexpectedStatusCode) || !client.IsConnected;
                logger.LogWarning(ex, "Sending {Subject} through SMTP failed", message.Subject);
                throw new MessageNotSentException($"The e-mail could not be sent ({ex.Message}).", ex) { ChannelBroken = broken };
            }
        }

        public async ValueTask DisposeAsync()
        {
            try { if (client.IsConnected) await client.DisconnectAsync(true); }
            catch (Exception) { } // the messages are sent; a failed goodbye loses nothing
            finally { client.Dispose(); }
        }
    }

    private sealed class PickupChannel(string folder, string from, TimeProvider time) : IMessageChannel
    {
        public async Task SendAsync(OutgoingMessage message, CancellationToken ct = default)
        {
            try
            {
                Directory.CreateDirectory(folder);
                var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'");
                var final = Path.Combine(folder, $"{stamp}-{Guid.CreateVersion7():N}.eml");
                var partial = final + ".tmp";
                // Write then rename, so a reader of the folder never sees half a message.
                await Build(message, from).WriteToAsync(partial, ct);
                File.Move(partial, final);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new MessageNotSentException($"The e-mail could not be saved in the outbox folder ({ex.Message}).", ex) { ChannelBroken = true };
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private async Task LogAsync(OutgoingMessage message, string messageId, string transport, string status, string? error, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(LogSql, new
        {
            Id = Guid.CreateVersion7(),
            MessageId = messageId,
            CreatedAt = time.GetUtcNow(),
            Recipient = message.To,
            message.Subject,
            Transport = transport,
            Status = status,
            Error = error,
        }, session.Transaction, cancellationToken: ct));
    }
}

public sealed class MessageNotSentException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>True when the connection is lost or the server down, so the rest of a batch should wait too.</summary>
    public bool ChannelBroken { get; init; }
}
