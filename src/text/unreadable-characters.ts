/**
 * The characters Kubernetes' YAML reader refuses written as they are, as the inside of a character
 * class: go-yaml's reader takes tab, LF, CR, 0x20 to 0x7E, NEL, 0xA0 to 0xD7FF, 0xE000 to 0xFFFD and the
 * planes above (go-yaml/yaml, readerc.go, yaml_parser_update_buffer: "control characters are not
 * allowed"). NUL too: one in a file's first 8,000 bytes makes it binary (GW1004, git's rule) before any
 * reading, but one after them, or in a UTF-16 text (a UTF-32 file read after its UTF-16 mark, as kubectl
 * reads it), is refused here, as kubectl refuses it (it once passed). One list for the search
 * that reports them (load/control-characters.ts) and the quick path's, which declines a text holding one
 * (load/exotic-yaml.ts).
 */
export const UNREADABLE_RANGES = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u0084\\u0086-\\u009f\\ufffe\\uffff';
