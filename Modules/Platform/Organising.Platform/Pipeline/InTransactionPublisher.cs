using Mediator;

namespace Organising.Platform.Pipeline;

/// <summary>
/// Runs an event's consumers one after another in the command's transaction and stops at the first that fails: the
/// transaction is rolled back then, so the others' work would be undone anyway. The failure reaches the command as
/// itself, not wrapped in an AggregateException whose shape would depend on how many modules consume the event and
/// whether their work happened to complete synchronously (Mediator's own ForeachAwaitPublisher does that).
/// </summary>
public sealed class InTransactionPublisher : INotificationPublisher
{
    public async ValueTask Publish<TNotification>(NotificationHandlers<TNotification> handlers, TNotification notification, CancellationToken cancellationToken)
        where TNotification : INotification
    {
        foreach (var handler in handlers)
        {
            await handler.Handle(notification, cancellationToken);
        }
    }
}
