using System.ComponentModel.DataAnnotations;

namespace Organising.Platform.Pipeline;

/// <summary>One message for one field. Field is the property name ("" for the form as a whole).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// A command or query that cannot run as asked. Thrown by validation and by handlers' own rules;
/// pages turn it into messages beside the fields, never into an error page.
/// </summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join(" ", errors.Select(e => e.Message)))
{
    public ValidationFailedException(string field, string message) : this([new FieldError(field, message)]) { }

    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>Rules that data annotations cannot express (across fields, or that need the value parsed).</summary>
public interface IValidatable
{
    IEnumerable<FieldError> Validate();
}

public static class MessageValidator
{
    /// <summary>Data annotations on the message's properties, then its own <see cref="IValidatable"/> rules.</summary>
    public static IReadOnlyList<FieldError> Validate(object message)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(message, new ValidationContext(message), results, validateAllProperties: true);
        var errors = results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => new FieldError(m, r.ErrorMessage ?? "This value is not valid.")))
            .ToList();
        if (errors.Count == 0 && message is IValidatable validatable)
        {
            errors.AddRange(validatable.Validate());
        }
        return errors;
    }
}
