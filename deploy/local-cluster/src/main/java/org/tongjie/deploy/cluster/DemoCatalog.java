package org.tongjie.deploy.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A generated, repeatable demo catalogue: Chinese titles built from the vocabulary of each subject, authors with
 * common Chinese names, real Chinese publishers with their ISBN prefixes (978-7-…) and valid check digits, and
 * copies spread over the libraries' service points. The same seed always gives the same catalogue.
 */
public final class DemoCatalog {

    /** One generated record and where its copies live (service point → barcodes). */
    record Entry(Map<String, Object> record, Map<String, List<String>> copiesAt) {
    }

    private record Publisher(String name, String isbnPrefix) {
    }

    private record Subject(String clcClass, List<String> patterns) {
    }

    private static final List<Publisher> PUBLISHERS = List.of(
            new Publisher("人民文学出版社", "97870"), new Publisher("商务印书馆", "978710"),
            new Publisher("中华书局", "978710"), new Publisher("生活·读书·新知三联书店", "978710"),
            new Publisher("上海译文出版社", "9787532"), new Publisher("译林出版社", "9787544"),
            new Publisher("江苏人民出版社", "978721"), new Publisher("南京大学出版社", "978730"),
            new Publisher("作家出版社", "9787506"), new Publisher("中信出版社", "9787508"),
            new Publisher("人民邮电出版社", "978711"), new Publisher("机械工业出版社", "978711"),
            new Publisher("清华大学出版社", "978730"), new Publisher("科学出版社", "97870"),
            new Publisher("接力出版社", "9787544"), new Publisher("江苏凤凰少年儿童出版社", "9787558"));

    private static final Map<String, List<String>> WORDS = Map.ofEntries(
            Map.entry("place", List.of("江南", "金陵", "秦淮", "苏州", "太湖", "长江", "运河", "小城", "故乡", "北方",
                    "西湖", "黄河", "草原", "山村", "海边", "边城", "老街", "古镇", "洪泽湖", "白马湖")),
            Map.entry("season", List.of("春天", "夏夜", "秋风", "冬雪", "雨季", "黄昏", "清晨", "午后", "月光", "星空")),
            Map.entry("noun", List.of("记忆", "时光", "故事", "旅人", "河流", "灯火", "归途", "远方", "家书", "梦想",
                    "院子", "少年", "父亲", "母亲", "渡口", "石桥", "书店", "钟声", "麦田", "雪山", "信使", "花园",
                    "码头", "邮差", "灯塔", "草木", "风筝", "孩子", "老屋", "火车", "祖母", "船歌", "桃花", "雨巷")),
            Map.entry("adjective", List.of("温柔", "寂静", "遥远", "明亮", "漫长", "平凡", "孤独", "燃烧", "沉默",
                    "自由")),
            Map.entry("dynasty", List.of("先秦", "两汉", "魏晋", "隋唐", "宋代", "元代", "明代", "清代", "六朝", "民国")),
            Map.entry("topic", List.of("制度", "经济", "文化", "风俗", "城市", "科举", "海防", "商业", "书院", "服饰")),
            Map.entry("tech", List.of("Java", "Python", "数据库", "机器学习", "分布式系统", "Kubernetes", "算法",
                    "网络安全", "微服务", "Linux", "人工智能", "大数据")),
            Map.entry("econ", List.of("增长", "货币", "金融", "贸易", "消费", "创新", "乡村振兴", "数字经济",
                    "产业", "财富")),
            Map.entry("animal", List.of("熊猫", "小兔", "狐狸", "小猫", "大象", "刺猬", "小鸭", "松鼠", "小熊", "鲸鱼")),
            Map.entry("thing", List.of("魔法伞", "彩虹桥", "月亮船", "星星灯", "蜂蜜罐", "纸飞机", "小红帽", "大南瓜")),
            Map.entry("body", List.of("心脏", "睡眠", "脊柱", "肠胃", "眼睛", "老年", "儿童", "饮食", "运动", "心理")),
            Map.entry("art", List.of("书法", "国画", "昆曲", "园林", "篆刻", "陶瓷", "刺绣", "古琴", "建筑", "摄影")));

    private static final List<Subject> SUBJECTS = List.of(
            new Subject("I247.5", List.of("{place}的{season}", "{adjective}的{noun}", "最后的{noun}", "{season}里的{noun}",
                    "{noun}与{noun}", "在{place}等你", "{place}{noun}", "{noun}的{noun}", "{adjective}{season}",
                    "{place}的{noun}", "我的{noun}", "{season}的{noun}")),
            new Subject("I267", List.of("{place}散记", "{season}读书", "{noun}札记", "走过{place}", "{noun}的{season}",
                    "{place}{season}记")),
            new Subject("K2", List.of("{dynasty}{topic}史", "{dynasty}的{topic}", "{place}往事", "{dynasty}{topic}研究")),
            new Subject("TP3", List.of("{tech}实战", "深入理解{tech}", "{tech}从入门到精通", "{tech}设计与实现")),
            new Subject("F12", List.of("{econ}的逻辑", "中国{econ}四十年", "{econ}与{econ}", "读懂{econ}")),
            new Subject("I287", List.of("小{animal}的{thing}", "{animal}和{animal}", "{animal}找{thing}",
                    "会飞的{thing}")),
            new Subject("K928", List.of("{place}旅行指南", "行走{place}", "{place}风物志")),
            new Subject("R1", List.of("{body}健康手册", "{body}保养之道", "家庭{body}护理")),
            new Subject("J2", List.of("{art}欣赏", "中国{art}简史", "{art}入门", "{art}之美")));

    private static final List<String> SUBTITLES = List.of("{place}笔记", "一部{noun}的历史", "{noun}三十讲",
            "献给{noun}的书", "{dynasty}以来的{topic}", "从{place}到{place}", "给青少年的{art}课", "{season}随笔",
            "修订版", "第2版", "插图本", "典藏版");

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁沈";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞文海燕宇轩晨晓雨欣怡子涵浩然思远";

    private DemoCatalog() {
    }

    /**
     * {@code count} records, each with one to three copies at service points drawn from {@code servicePoints};
     * barcodes start with the service point's library prefix and never collide with {@code barcodeFloor} and below.
     */
    static List<Entry> generate(int count, List<String> servicePoints, long seed, int barcodeFloor) {
        Random random = new Random(seed);
        Set<String> isbns = new LinkedHashSet<>();
        List<Entry> entries = new ArrayList<>();
        int barcode = barcodeFloor;
        while (entries.size() < count) {
            Subject subject = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
            Publisher publisher = PUBLISHERS.get(random.nextInt(PUBLISHERS.size()));
            String isbn = isbn(publisher.isbnPrefix(), random);
            if (!isbns.add(isbn)) {
                continue;
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("isbn", isbn);
            record.put("title", fill(subject.patterns().get(random.nextInt(subject.patterns().size())), random));
            if (random.nextInt(5) < 2) {
                record.put("subtitle", fill(SUBTITLES.get(random.nextInt(SUBTITLES.size())), random));
            }
            List<String> authors = new ArrayList<>();
            authors.add(name(random));
            if (random.nextInt(5) == 0) {
                authors.add(name(random));
            }
            record.put("authors", authors);
            record.put("publisher", publisher.name());
            record.put("publicationYear", 1985 + random.nextInt(41));
            record.put("language", "chi");
            record.put("clcClass", subject.clcClass());
            Map<String, List<String>> copiesAt = new LinkedHashMap<>();
            int copies = 1 + random.nextInt(3);
            for (int i = 0; i < copies; i++) {
                String point = servicePoints.get(random.nextInt(servicePoints.size()));
                String library = point.substring(0, point.indexOf('-'));
                copiesAt.computeIfAbsent(point, p -> new ArrayList<>()).add(library + String.format("%010d",
                        ++barcode));
            }
            entries.add(new Entry(record, copiesAt));
        }
        return entries;
    }

    /** A pattern with each {kind} replaced by a word of that kind. */
    private static String fill(String pattern, Random random) {
        StringBuilder title = new StringBuilder();
        int at = 0;
        while (at < pattern.length()) {
            int open = pattern.indexOf('{', at);
            if (open < 0) {
                title.append(pattern, at, pattern.length());
                break;
            }
            int close = pattern.indexOf('}', open);
            title.append(pattern, at, open);
            List<String> words = WORDS.get(pattern.substring(open + 1, close));
            title.append(words.get(random.nextInt(words.size())));
            at = close + 1;
        }
        return title.toString();
    }

    /** A Chinese personal name: a common surname and one or two given-name characters. */
    public static String name(java.util.random.RandomGenerator random) {
        StringBuilder name = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        int given = 1 + random.nextInt(2);
        for (int i = 0; i < given; i++) {
            name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return name.toString();
    }

    /** A 13-digit ISBN with the publisher's prefix, a random title number and the right check digit. */
    static String isbn(String prefix, Random random) {
        StringBuilder digits = new StringBuilder(prefix);
        while (digits.length() < 12) {
            digits.append(random.nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return digits.append((10 - sum % 10) % 10).toString();
    }
}
