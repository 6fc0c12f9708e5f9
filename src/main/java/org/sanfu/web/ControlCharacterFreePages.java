package org.sanfu.web;

import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IPostProcessorDialect;
import org.thymeleaf.engine.AbstractTemplateHandler;
import org.thymeleaf.model.IAttribute;
import org.thymeleaf.model.IModelFactory;
import org.thymeleaf.model.IOpenElementTag;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.model.IStandaloneElementTag;
import org.thymeleaf.model.IText;
import org.thymeleaf.postprocessor.IPostProcessor;
import org.thymeleaf.postprocessor.PostProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * No page carries a control character (U+0000–U+001F but tab, line feed and carriage return, and U+007F):
 * HTML has no place for one (a parse error; U+0000 turns into U+FFFD in an input, an escape sequence
 * stays invisible), and Thymeleaf's escaping leaves them as they are. A form refused for one (Text.Rule:
 * 不能包含控制字符 U+0000, by the field) shows again with what was typed minus the control characters, so
 * that the page is well-formed and the text the person sees, sent again, is accepted. Stored text never
 * holds one (the rule refuses it), so this changes only what a refused form echoes. A post-processor of
 * every HTML template, after the expressions were evaluated and escaped: texts and attribute values.
 */
@Component
class ControlCharacterFreePages extends AbstractDialect implements IPostProcessorDialect {

    ControlCharacterFreePages() {
        super("sanfu-control-character-free");
    }

    @Override
    public int getDialectPostProcessorPrecedence() {
        return 1000;
    }

    @Override
    public Set<IPostProcessor> getPostProcessors() {
        return Set.of(new PostProcessor(TemplateMode.HTML, Cleaner.class, 1000));
    }

    /** The text without its control characters, or the same text when it holds none. */
    static String clean(String text) {
        if (text == null || text.chars().noneMatch(ControlCharacterFreePages::control)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        text.chars().filter(c -> !control(c)).forEach(c -> kept.append((char) c));
        return kept.toString();
    }

    private static boolean control(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
    }

    /** Thymeleaf makes one per template processed (a public no-argument constructor). */
    public static final class Cleaner extends AbstractTemplateHandler {

        @Override
        public void handleText(IText text) {
            String clean = clean(text.getText());
            super.handleText(clean.equals(text.getText()) ? text : factory().createText(clean));
        }

        @Override
        public void handleOpenElement(IOpenElementTag tag) {
            super.handleOpenElement(cleaned(tag));
        }

        @Override
        public void handleStandaloneElement(IStandaloneElementTag tag) {
            super.handleStandaloneElement(cleaned(tag));
        }

        private <T extends IProcessableElementTag> T cleaned(T tag) {
            T result = tag;
            for (IAttribute attribute : tag.getAllAttributes()) {
                String value = attribute.getValue();
                String clean = clean(value);
                if (value != null && !clean.equals(value)) {
                    result = factory().setAttribute(result, attribute.getAttributeCompleteName(), clean,
                            attribute.getValueQuotes());
                }
            }
            return result;
        }

        private IModelFactory factory() {
            return getContext().getModelFactory();
        }
    }
}
