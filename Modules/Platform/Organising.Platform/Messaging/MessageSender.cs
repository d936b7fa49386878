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
        var mime = Build(message, settings.Smtp.From);
        var transport = settings.Smtp.IsConfigured ? "smtp" : "pickup";
        try
        {
            if (settings.Smtp.IsConfigured) await SendSmtpAsync(mime, settings.Smtp, ct);
            else await WritePickupAsync(mime, settings.OutboxDirectory, ct);
            await LogAsync(message, mime.MessageId ?? "", transport, "sent", null, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Sending {Subject} to a recipient through {Transport} failed", message.Subject, transport);
            throw new MessageNotSentException($"The e-mail could not be sent ({ex.Message}).", ex);
        }
    }

    internal static MimeMessage Build(OutgoingMessage message, string from)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.To));
        mime.Subject = message.Subject;
        mime.MessageId = message.MessageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId("organising.local");
        mime.Body = new TextPart("plain") { Text = message.TextBody };
        return mime;
    }

    private static async Task SendSmtpAsync(MimeMessage mime, SmtpOptions smtp, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.UseTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(true, ct);
    }

    private async Task WritePickupAsync(MimeMessage mime, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'");
        var final = Path.Combine(folder, $"{stamp}-{Guid.CreateVersion7():N}.eml");
        var partial = final + ".tmp";
        // Write then rename, so a reader of the folder never sees half a message.
        await mime.WriteToAsync(partial, ct);
        File.Move(partial, final);
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

public sealed class MessageNotSentException(string message, Exception inner) : Exception(message, inner);
