# Replies about voice notes. Every id here must also be in locales/or/voice.ftl.
# voice-heard echoes a transcript; voice-failed-<reason> answers a voice note that could not be used
# (reasons: src/voice/types.ts VoiceFailure). The form stays where it was, so each ends by inviting a retry or typing.

voice-heard = 🎤 I heard: “{ $text }”
voice-failed-silence = I couldn’t hear anything in that voice note. Please hold the phone close, speak, and send it again — or type your message.
voice-failed-too_long = That voice note is too long for me. Please send a shorter one with just what you need, or type your message.
voice-failed-too_large = That audio file is too big for me to open. Please send a short voice note instead, or type your message.
voice-failed-unsupported_format = I can’t play that kind of audio file. Please record a voice note in WhatsApp (hold the 🎤 button), or type your message.
voice-failed-corrupt = That voice note seems to be damaged, and I couldn’t play it. Please record it again, or type your message.
voice-failed-unavailable = Sorry, I can’t listen to voice notes in this language right now. Please type your message.
voice-failed-failed = Sorry, I couldn’t understand that voice note. Please try again, or type your message.
