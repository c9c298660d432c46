# Letters to a resident who told the museum about their hero (issue #7).
letter-confirm-subject = { $site }: please confirm your address — story No. { $number }
letter-confirm-body =
    Hello,

    Thank you for telling us about your hero: { $hero }. We received the story as No. { $number }.

    To confirm that this is your address, open the link:

    { $confirm }

    This link always shows what is happening with the story; through it you can answer the moderator's questions, add photographs or withdraw the story. Do not forward it: whoever has the link can act on your behalf.

    If you did not send anything, just delete this letter: nothing is published without confirmation.
letter-question-subject = { $site }: a question about story No. { $number }
letter-question-body =
    Hello,

    A museum moderator has read your story about your hero ({ $hero }) and asks:

    { $question }

    You can answer and add files on the story's page:

    { $status }
letter-published-subject = { $site }: story No. { $number } is published
letter-published-body =
    Hello,

    Your story about your hero ({ $hero }) is published:

    { $page }

    Thank you for keeping this memory. The story's page: { $status }
letter-declined-subject = { $site }: story No. { $number } was not published
letter-declined-body =
    Hello,

    Unfortunately we cannot publish your story about your hero ({ $hero }). The reason:

    { $reason }

    Details are on the story's page: { $status }
letter-withdrawn-subject = { $site }: story No. { $number } is withdrawn
letter-withdrawn-body =
    Hello,

    The story about your hero ({ $hero }) was withdrawn at your request: it is no longer published, and your details, text and files are deleted.

    The story's page: { $status }
