using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using Organising.Platform.Audit;
using Organising.Platform.Data;

namespace Organising.Platform.Pipeline;

/// <summary>Outermost: one log line per message with its outcome and duration.</summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var name = MessageName.Of(typeof(TMessage));
        try
        {
            var response = await next(message, cancellationToken);
            logger.LogDebug("{Message} handled in {ElapsedMs:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (ValidationFailedException ex)
        {
            logger.LogInformation("{Message} refused: {Errors}", name, ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "{Message} failed after {ElapsedMs:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}

/// <summary>Refuses a message whose fields are invalid before any work or transaction starts.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var errors = MessageValidator.Validate(message);
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return next(message, cancellationToken);
    }
}

/// <summary>
/// One write transaction per command: the command, the events it publishes and its audit
/// entries commit together or not at all. A command sent from inside another joins it.
/// </summary>
public sealed class UnitOfWorkBehaviour<TMessage, TResponse>(DbSession session)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var owner = await session.BeginAsync(cancellationToken);
        if (!owner) return await next(message, cancellationToken);
        try
        {
            var response = await next(message, cancellationToken);
            await session.CommitAsync(cancellationToken);
            return response;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }
}

/// <summary>Writes the audit entry of an <see cref="IAuditedCommand"/> inside its transaction, after the handler succeeded.</summary>
public sealed class AuditBehaviour<TMessage, TResponse>(AuditLog audit)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (message is IAuditedCommand audited)
        {
            var entry = audited.DescribeForAudit(response);
            if (entry is not null) await audit.WriteAsync(entry, cancellationToken);
        }
        return response;
    }
}

internal static class MessageName
{
    /// <summary>"InviteUser.Command" rather than the bare nested name.</summary>
    public static string Of(Type type) => type.DeclaringType is null ? type.Name : $"{type.DeclaringType.Name}.{type.Name}";
}
